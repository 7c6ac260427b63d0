// Extra toolbar items (e.g. the training panel's Start/Pause/Stop) rendered at the toolbar's right end.
import type { ComponentType } from 'react';
import { create } from 'zustand';

/** One extra toolbar item. */
export interface ToolbarItem {
  id: string;
  /** smaller first */
  order: number;
  Component: ComponentType;
}

/** Registered toolbar items by id. */
export const useToolbarItems = create<{ items: Record<string, ToolbarItem> }>(() => ({ items: {} }));

/** Adds or replaces a toolbar item (same id replaces). */
export function registerToolbarItem(item: ToolbarItem): void {
  useToolbarItems.setState((s) => ({ items: { ...s.items, [item.id]: item } }));
}
