// Node sizes measured by React Flow. Kept apart from the graph (they are view facts, not design) and
// fed back into the derived nodes: React Flow v12 re-measures a node whose `measured` is missing.
import { create } from 'zustand';

/** Width and height in px at zoom 1. */
export interface Size {
  width: number;
  height: number;
}

/** Measured sizes per node id. */
export const useMeasured = create<{ sizes: Record<string, Size> }>(() => ({ sizes: {} }));

/** Records new sizes (only the ones that changed, to avoid needless re-renders). */
export function recordSizes(updates: Record<string, Size>): void {
  useMeasured.setState((s) => {
    let changed = false;
    const sizes = { ...s.sizes };
    for (const [id, size] of Object.entries(updates)) {
      const old = sizes[id];
      if (!old || old.width !== size.width || old.height !== size.height) {
        sizes[id] = size;
        changed = true;
      }
    }
    return changed ? { sizes } : s;
  });
}
