// The bottom panel's tab registry. The designer registers "Summary" and "JSON"; the training panel
// registers its own tab(s) with registerBottomTab() from its module, without editing the panel.
import type { ComponentType } from 'react';
import { create } from 'zustand';

/** One tab of the bottom panel. `Component` may be React.lazy() to keep the first page light. */
export interface BottomTab {
  id: string;
  title: string;
  /** smaller first; the designer uses 10 (Summary) and 20 (JSON) */
  order: number;
  Component: ComponentType;
}

/** Registered tabs by id. */
export const useBottomTabs = create<{ tabs: Record<string, BottomTab> }>(() => ({ tabs: {} }));

/** Adds or replaces a tab (same id replaces). */
export function registerBottomTab(tab: BottomTab): void {
  useBottomTabs.setState((s) => ({ tabs: { ...s.tabs, [tab.id]: tab } }));
}

/** Tabs sorted for display. */
export function sortedTabs(tabs: Record<string, BottomTab>): BottomTab[] {
  return Object.values(tabs).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}
