// Named edits of the design. Toolbar buttons, keyboard shortcuts, the palette, the inspector and the
// canvas all call these, so each edit has one name and one undo policy.
import type { Graph, GraphNode, NodeType } from '../../graph-schema/schema.ts';
import { viewportCentre } from '../canvas/bridge.ts';
import {
  addNode,
  connect,
  copyNodes,
  moveNodes,
  pasteClip,
  reconnect,
  removeItems,
  renameNode,
  setParam,
  type XY,
} from '../model/graphOps.ts';
import { autoLayout, DEFAULT_NODE_SIZE } from '../model/layout.ts';
import { useMeasured } from '../store/measure.ts';
import {
  checkpoint,
  commit,
  showToast,
  type StudioState,
  type UndoPolicy,
  useStudio,
} from '../store/store.ts';
import { ACTIONS, type ActionResult, runAction } from './registry.ts';

/** Adds a node of `type` at `pos` (flow coordinates) and selects it. Without `pos` (click or Enter on
 *  the palette) it goes right of the one selected node and is wired to it when that is allowed, so a
 *  chain can be built from the keyboard; with nothing selected it lands at the centre of the view. */
export function addNodeAction(type: NodeType, pos?: XY): string {
  const graph = useStudio.getState().graph;
  const anchor = pos ? undefined : singleSelected(graph);
  const at = pos ?? (anchor ? besideOf(graph, anchor) : offsetCentre());
  const added = addNode(graph, type, at);
  const wired = anchor ? connect(added.graph, anchor.id, added.id) : null;
  if (wired?.ok) {
    commit(`Add ${type} after ${anchor!.id}`, wired.graph, 'record', { nodes: [added.id], edges: [] });
  } else {
    commit(`Add ${type}`, added.graph, 'record', { nodes: [added.id], edges: [] });
  }
  return added.id;
}

function singleSelected(graph: Graph): GraphNode | undefined {
  const sel = useStudio.getState().selection.nodes;
  return sel.length === 1 ? graph.nodes.find((n) => n.id === sel[0]) : undefined;
}

// Right of the anchor, moved down past any card already there.
function besideOf(graph: Graph, anchor: GraphNode): XY {
  const p = anchor.position ?? { x: 0, y: 0 };
  const spot = { x: p.x + DEFAULT_NODE_SIZE.width + 80, y: p.y };
  while (
    graph.nodes.some(
      (n) => Math.abs((n.position?.x ?? 0) - spot.x) < 200 && Math.abs((n.position?.y ?? 0) - spot.y) < 100,
    )
  ) {
    spot.y += 140;
  }
  return spot;
}

// Keyboard adds land at the centre, nudged so repeated adds do not stack exactly.
function offsetCentre(): XY {
  const c = viewportCentre();
  const n = useStudio.getState().graph.nodes.length % 6;
  return { x: c.x - 110 + n * 24, y: c.y - 50 + n * 24 };
}

/** Connects two nodes, or shows why not (cycle, second input, ...) in a toast. */
export function connectAction(source: string, target: string): boolean {
  const r = connect(useStudio.getState().graph, source, target);
  if (!r.ok) {
    showToast(r.reason, 'error');
    return false;
  }
  commit(`Connect ${source} -> ${target}`, r.graph, 'record');
  return true;
}

/** Moves an existing edge to new ends, or shows why not. */
export function reconnectAction(edgeId: string, source: string, target: string): boolean {
  const r = reconnect(useStudio.getState().graph, edgeId, source, target);
  if (!r.ok) {
    showToast(r.reason, 'error');
    return false;
  }
  commit(`Reconnect ${edgeId}`, r.graph, 'record');
  return true;
}

/** Removes one edge (an edge end dropped on empty canvas). */
export function removeEdgeAction(edgeId: string): void {
  commit(`Remove ${edgeId}`, removeItems(useStudio.getState().graph, [], [edgeId]), 'record');
  showToast(`Removed connection ${edgeId} (Ctrl+Z brings it back).`);
}

/** Deletes the selected nodes (with their edges) and edges. */
export function deleteSelection(s: StudioState): ActionResult | undefined {
  const { graph, selection } = s;
  if (selection.nodes.length === 0 && selection.edges.length === 0) return undefined;
  const next = removeItems(graph, selection.nodes, selection.edges);
  return { label: 'Delete', undo: 'record', graph: next, selection: { nodes: [], edges: [] } };
}

/** Deletes the selected nodes and edges (one undo step). */
export function deleteSelectionAction(): void {
  runAction(ACTIONS.delete);
}

/** Sets a param of a node (value already checked against its spec). */
export function setParamAction(nodeId: string, key: string, value: unknown): void {
  commit(`Set ${nodeId}.${key}`, setParam(useStudio.getState().graph, nodeId, key, value), 'record');
}

/** Renames a node; returns the refusal reason or null. */
export function renameNodeAction(from: string, to: string): string | null {
  const r = renameNode(useStudio.getState().graph, from, to);
  if (!r.ok) return r.reason;
  commit(`Rename ${from} -> ${to}`, r.graph, 'record', { nodes: [to], edges: [] });
  return null;
}

/** Replaces the training settings (inspector, graph level). */
export function setTrainingAction(label: string, training: NonNullable<Graph['training']>): void {
  commit(label, { ...useStudio.getState().graph, training }, 'record');
}

/** Renames the graph (used as the export file name). */
export function setGraphNameAction(name: string): void {
  commit('Rename graph', { ...useStudio.getState().graph, name }, 'record');
}

/** Start of a drag: the state before it becomes ONE undo step for the whole drag. */
export function beginMoveAction(): void {
  checkpoint('Move');
}

/** Moves nodes. During a drag the frames are `skip` (beginMoveAction recorded the step); a keyboard
 *  nudge is its own step. */
export function moveAction(positions: Record<string, XY>, policy: UndoPolicy = 'skip'): void {
  commit('Move', moveNodes(useStudio.getState().graph, positions), policy);
}

/** Copies the selected nodes (and the edges between them) into the store's clipboard. */
export function copySelection(s: StudioState): ActionResult | undefined {
  if (s.selection.nodes.length === 0) return undefined;
  const clip = copyNodes(s.graph, s.selection.nodes);
  showToast(`Copied ${clip.nodes.length} node${clip.nodes.length === 1 ? '' : 's'}`);
  return { label: 'Copy', undo: 'none', patch: { clipboard: { clip, pastes: 0 } } };
}

/** Pastes the copied nodes with fresh ids, offset so they do not hide the originals; selects them. */
export function pasteClipboard(s: StudioState): ActionResult | undefined {
  const clipboard = s.clipboard;
  if (!clipboard || clipboard.clip.nodes.length === 0) return undefined;
  const n = clipboard.pastes + 1;
  const r = pasteClip(s.graph, clipboard.clip, { x: 40 * n, y: 40 * n });
  return {
    label: 'Paste',
    undo: 'record',
    graph: r.graph,
    selection: { nodes: r.ids, edges: [] },
    patch: { clipboard: { ...clipboard, pastes: n } },
  };
}

/** Copy through the action table. */
export function copyAction(): void {
  runAction(ACTIONS.copy);
}

/** Paste through the action table. */
export function pasteAction(): void {
  runAction(ACTIONS.paste);
}

/** Selects every node and edge. */
export function selectAllAction(): void {
  runAction(ACTIONS.selectAll);
}

/** Lays the graph out left to right with dagre (one undo step). */
export function autoLayoutAction(): void {
  const graph = useStudio.getState().graph;
  if (graph.nodes.length === 0) return;
  commit('Auto-layout', moveNodes(graph, autoLayout(graph, useMeasured.getState().sizes)), 'record');
}
