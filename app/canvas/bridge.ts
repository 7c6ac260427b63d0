// The few React Flow instance calls that actions need (fit view, the viewport centre). The canvas
// registers its instance here on init; actions stay plain functions usable from toolbar and keyboard.
import type { ReactFlowInstance } from '@xyflow/react';
import type { XY } from '../model/graphOps.ts';
import { useView } from '../store/view.ts';

let instance: ReactFlowInstance | null = null;
let paneElement: HTMLElement | null = null;

/** Called by Canvas on init (and with nulls on unmount). */
export function registerFlow(rf: ReactFlowInstance | null, pane: HTMLElement | null): void {
  instance = rf;
  paneElement = pane;
}

/** Fits every node in view (animated when the canvas is ready). */
export function fitView(): void {
  // Presenter mode never fits below 0.45: the cards' text scales up (lod.ts) but pans beat specks.
  const minZoom = useView.getState().presenter ? 0.45 : undefined;
  // Room above the cards for the edges' shape and gradient chips, which sit over the top card edge
  // and are not part of the node bounds React Flow fits (they were cut off under the toolbar).
  void instance?.fitView({
    padding: { top: '56px', bottom: '24px', x: '7%' },
    duration: 200,
    maxZoom: 1.25,
    minZoom,
  });
}

/** The flow position at the centre of the visible canvas (where keyboard-added nodes go). */
export function viewportCentre(): XY {
  if (!instance || !paneElement) return { x: 0, y: 0 };
  const r = paneElement.getBoundingClientRect();
  return instance.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
}

/** Screen (client) coordinates -> flow coordinates. */
export function toFlow(p: XY): XY {
  return instance ? instance.screenToFlowPosition(p) : p;
}

/** Back to zoom 1 at the origin (a new, empty graph: cards at their natural, readable size). */
export function resetView(): void {
  void instance?.setViewport({ x: 40, y: 40, zoom: 1 }, { duration: 150 });
}
