// What React Flow reports about nodes and edges (moves, measured sizes, selection, drops from the
// palette or the desktop) turned into store updates and named actions.
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { NodeType } from '../../graph-schema/schema.ts';
import { runAction } from '../actions/registry.ts';
import type { XY } from '../model/graphOps.ts';
import { PALETTE_TYPES } from '../model/paramSpecs.ts';
import type { Selection } from '../store/history.ts';
import { recordSizes, type Size } from '../store/measure.ts';
import { useStudio } from '../store/store.ts';
import { toFlow } from './bridge.ts';
import type { LayerFlowNode, ShapeFlowEdge } from './derive.ts';

/** MIME type the palette puts on its drag data. */
export const PALETTE_MIME = 'application/x-backprop-node';

/** Start of a node or selection drag: the drag gets the next number (store state), and its frames
 *  coalesce into one undo step (the Move action). */
export function onDragStart(): void {
  useStudio.setState((s) => ({ gesture: { ...s.gesture, drag: s.gesture.seq + 1, seq: s.gesture.seq + 1 } }));
}

/** End of a drag (React Flow sends the final positions before this). */
export function onDragStop(): void {
  useStudio.setState((s) => ({ gesture: { ...s.gesture, drag: null } }));
}

/** Node changes from React Flow: moves, measured sizes, selection. */
export function onNodesChange(changes: NodeChange<LayerFlowNode>[]): void {
  const positions: Record<string, XY> = {};
  const sizes: Record<string, Size> = {};
  let moved = false;
  let selection: Selection | null = null;
  for (const c of changes) {
    if (c.type === 'position' && c.position) {
      positions[c.id] = c.position;
      moved = true;
    } else if (c.type === 'dimensions' && c.dimensions) {
      sizes[c.id] = c.dimensions;
    } else if (c.type === 'select') {
      selection = toggle(selection ?? useStudio.getState().selection, 'nodes', c.id, c.selected);
    }
  }
  if (Object.keys(sizes).length > 0) recordSizes(sizes);
  // A move outside a drag comes from the arrow keys: each press is its own undo step.
  if (moved) runAction('move', { positions, drag: useStudio.getState().gesture.drag });
  if (selection) runAction('select', selection);
}

/** Edge changes from React Flow: selection only (deleting goes through the Delete action). */
export function onEdgesChange(changes: EdgeChange<ShapeFlowEdge>[]): void {
  let selection: Selection | null = null;
  for (const c of changes) {
    if (c.type === 'select')
      selection = toggle(selection ?? useStudio.getState().selection, 'edges', c.id, c.selected);
  }
  if (selection) runAction('select', selection);
}

function toggle(sel: Selection, kind: 'nodes' | 'edges', id: string, on: boolean): Selection {
  const has = sel[kind].includes(id);
  if (on === has) return sel;
  return { ...sel, [kind]: on ? [...sel[kind], id] : sel[kind].filter((x) => x !== id) };
}

export function onDragOver(e: DragEvent): void {
  e.preventDefault();
  e.dataTransfer.dropEffect = e.dataTransfer.types.includes('Files') ? 'copy' : 'move';
}

export function onDrop(e: DragEvent): void {
  e.preventDefault();
  const type = e.dataTransfer.getData(PALETTE_MIME) as NodeType;
  if (type && PALETTE_TYPES.includes(type)) {
    const p = toFlow({ x: e.clientX, y: e.clientY });
    // Drop point = the card's top-left area under the cursor, so the node lands where it was let go.
    runAction('addNode', { type, at: { x: p.x - 20, y: p.y - 20 } });
    return;
  }
  const file = e.dataTransfer.files?.[0];
  if (file) runAction('openFile', file);
}
