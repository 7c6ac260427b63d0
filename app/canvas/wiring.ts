// Wiring gestures: connect two handles, move an edge's end, drop an end on nothing. React Flow calls
// these; each becomes a named action, and a refused gesture says why in a toast.
import type { Connection, FinalConnectionState } from '@xyflow/react';
import { runAction } from '../actions/registry.ts';
import { connectionProblem, reconnect } from '../model/graphOps.ts';
import { showToast, useStudio } from '../store/store.ts';
import type { ShapeFlowEdge } from './derive.ts';

export function onConnect(c: Connection): void {
  runAction('connect', { source: c.source, target: c.target });
}

// While dragging a wire, a target that would be refused does not light up as valid...
export function isValidConnection(c: Connection | ShapeFlowEdge): boolean {
  const graph = useStudio.getState().graph;
  const moving = useStudio.getState().gesture.edge;
  if (moving) return reconnect(graph, moving.id, c.source, c.target).ok;
  return connectionProblem(graph, c.source, c.target) === null;
}

// The edge whose end is being dragged (React Flow's reconnect gesture) is store state (gesture.edge):
// `done` once React Flow reported a valid new end.
const setEdgeGesture = (edge: { id: string; done: boolean } | null) =>
  useStudio.setState((s) => ({ gesture: { ...s.gesture, edge } }));

export function onReconnectStart(_: unknown, edge: ShapeFlowEdge): void {
  setEdgeGesture({ id: edge.id, done: false });
}

export function onReconnect(old: ShapeFlowEdge, c: Connection): void {
  setEdgeGesture({ id: old.id, done: true });
  runAction('reconnect', { edgeId: old.id, source: c.source, target: c.target });
}

// An edge end let go over nothing removes the edge (the habit of node editors); over a refused
// handle it says why.
export function onReconnectEnd(
  _: MouseEvent | TouchEvent,
  edge: ShapeFlowEdge,
  __: unknown,
  state: FinalConnectionState,
): void {
  const moving = useStudio.getState().gesture.edge;
  setEdgeGesture(null);
  if (!moving || moving.done || moving.id !== edge.id) return;
  if (!state.toNode) {
    runAction('removeEdge', edge.id);
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
