// Which view is open (one at a time, so the window stays large enough to read on a projector).
import { create } from 'zustand';

/** The views a node can open (data-testid="view-<kind>-<nodeId>"). */
export type ViewKind = 'gates' | 'lm-table' | 'embedding' | 'values' | 'layer-grads' | 'attention';

/** The open view, or null. */
export interface OpenView {
  kind: ViewKind;
  nodeId: string;
}

export const useViews = create<{ open: OpenView | null }>(() => ({ open: null }));

/** Opens a view (replacing the one open). */
export function openView(kind: ViewKind, nodeId: string): void {
  useViews.setState({ open: { kind, nodeId } });
}

/** Closes the open view. */
export function closeView(): void {
  useViews.setState({ open: null });
}
