// Extension slots for the training panel (added later by another part): it writes gradient overlays
// and node badges here; the canvas only reads them. Plain data only (no functions), keyed by graph ids.
import { create } from 'zustand';

/** What an edge can show on top of its tensor shape while training. */
export interface EdgeOverlay {
  /** L2 norm of the gradient sent back along this edge; rendered as data-grad-norm on the edge element */
  gradNorm?: number;
  /** stroke colour (any CSS colour) and width in px; the edge keeps its theme colours when absent */
  color?: string;
  width?: number;
  /** a second line under the shape label, e.g. "‖g‖ 3.2e-4" */
  label?: string;
  /** background and text colour of that second line (a coloured chip reads even on a short edge) */
  labelBackground?: string;
  labelColor?: string;
}

/** A small pill shown on a node under its shape line. */
export interface NodeBadge {
  /** unique within the node */
  id: string;
  text: string;
  tone?: 'info' | 'good' | 'warn' | 'error';
  title?: string;
}

/** Overlay state: per edge id and per node id. */
export interface OverlayState {
  edges: Record<string, EdgeOverlay>;
  nodeBadges: Record<string, NodeBadge[]>;
}

/** Overlay store: `useOverlays.setState({ edges: {...} })` from the training panel; clear with `clearOverlays()`. */
export const useOverlays = create<OverlayState>(() => ({ edges: {}, nodeBadges: {} }));

/** Removes every overlay (e.g. when the graph changes and old gradients no longer apply). */
export function clearOverlays(): void {
  useOverlays.setState({ edges: {}, nodeBadges: {} });
}
