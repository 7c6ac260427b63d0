// Wiring gestures: connect two handles, move an edge's end, drop an end on nothing. React Flow calls
// these; each becomes a named action, and a refused gesture says why in a toast.
import type { Connection, FinalConnectionState } from '@xyflow/react';
import { connectAction, reconnectAction, removeEdgeAction } from '../actions/edit.ts';
import { connectionProblem, reconnect } from '../model/graphOps.ts';
import { showToast, useStudio } from '../store/store.ts';
import type { ShapeFlowEdge } from './derive.ts';

export function onConnect(c: Connection): void {
  connectAction(c.source, c.target);
}

// While dragging a wire, a target that would be refused does not light up as valid...
export function isValidConnection(c: Connection | ShapeFlowEdge): boolean {
  const graph = useStudio.getState().graph;
  if (movingEdge) return reconnect(graph, movingEdge, c.source, c.target).ok;
  return connectionProblem(graph, c.source, c.target) === null;
}

// The edge whose end is being dragged (React Flow's reconnect gesture), if any.
let movingEdge: string | null = null;
let reconnected = false;

export function onReconnectStart(_: unknown, edge: ShapeFlowEdge): void {
  movingEdge = edge.id;
  reconnected = false;
}

export function onReconnect(old: ShapeFlowEdge, c: Connection): void {
  reconnected = true;
  reconnectAction(old.id, c.source, c.target);
}

// An edge end let go over nothing removes the edge (the habit of node editors); over a refused
// handle it says why.
export function onReconnectEnd(
  _: MouseEvent | TouchEvent,
  edge: ShapeFlowEdge,
  __: unknown,
  state: FinalConnectionState,
): void {
  const id = movingEdge;
  movingEdge = null;
  if (reconnected || id !== edge.id) return;
  if (!state.toNode) {
    removeEdgeAction(edge.id);
    return;
  }
  if (!state.isValid && state.fromHandle && state.toHandle && state.fromHandle.type !== state.toHandle.type) {
    const fromSource = state.fromHandle.type === 'source';
    const source = fromSource ? state.fromNode!.id : state.toNode.id;
    const target = fromSource ? state.toNode.id : state.fromNode!.id;
    const r = reconnect(useStudio.getState().graph, edge.id, source, target);
    if (!r.ok) showToast(r.reason, 'error');
  }
}

// ...and letting go on it says why (React Flow calls onConnect only for valid connections).
export function onConnectEnd(_: MouseEvent | TouchEvent, state: FinalConnectionState): void {
  if (state.isValid || !state.fromNode || !state.toNode || !state.fromHandle || !state.toHandle) return;
  if (state.fromHandle.type === state.toHandle.type) return;
  const fromSource = state.fromHandle.type === 'source';
  const source = fromSource ? state.fromNode.id : state.toNode.id;
  const target = fromSource ? state.toNode.id : state.fromNode.id;
  const problem = connectionProblem(useStudio.getState().graph, source, target);
  if (problem) showToast(problem, 'error');
}
