import { beforeEach, describe, expect, test } from 'vitest';
import { runAction } from '../../app/actions/registry.ts';
import { onDragStart, onDragStop, onNodesChange } from '../../app/canvas/changes.ts';
import type { XY } from '../../app/model/graphOps.ts';
import type { NodeType } from '../../graph-schema/schema.ts';
import { HISTORY_LIMIT } from '../../app/store/history.ts';
import {
  checkpoint,
  commit,
  hasUnsavedWork,
  initialState,
  redo,
  replaceGraph,
  undo,
  useStudio,
} from '../../app/store/store.ts';
import { emptyGraph } from '../../app/model/graphOps.ts';

const ids = () => useStudio.getState().graph.nodes.map((n) => n.id);
const units = (id: string) =>
  (useStudio.getState().graph.nodes.find((n) => n.id === id)?.params as { units?: number } | undefined)
    ?.units;

beforeEach(() => useStudio.setState(initialState(), true));

/** The palette's add (a drop at `at`, or a click); returns the new node's id (it is selected). */
function addNodeAction(type: NodeType, at?: XY): string {
  runAction('addNode', { type, at });
  return useStudio.getState().selection.nodes[0];
}
const connectAction = (source: string, target: string) =>
  runAction('connect', { source, target })?.undo === 'record';
const setParamAction = (nodeId: string, key: string, value: unknown) =>
  runAction('setParam', { nodeId, key, value });
const deleteSelectionAction = () => runAction('delete');

describe('undo/redo through named actions', () => {
  test('add, connect, edit and delete each undo as one step and redo in order', () => {
    addNodeAction('Input', { x: 0, y: 0 });
    addNodeAction('Dense', { x: 300, y: 0 });
    expect(connectAction('input1', 'dense1')).toBe(true);
    setParamAction('dense1', 'units', 7);
    useStudio.setState({ selection: { nodes: ['dense1'], edges: [] } });
    deleteSelectionAction();
    expect(ids()).toEqual(['input1']);

    expect(undo()).toBe('Delete');
    expect(units('dense1')).toBe(7);
    expect(undo()).toBe('Set dense1.units');
    expect(units('dense1')).toBe(32);
    expect(undo()).toBe('Connect input1 -> dense1');
    expect(useStudio.getState().graph.edges).toEqual([]);
    expect(redo()).toBe('Connect input1 -> dense1');
    expect(redo()).toBe('Set dense1.units');
    expect(redo()).toBe('Delete');
    expect(ids()).toEqual(['input1']);
    expect(redo()).toBeNull();
  });

  test('a refused connection changes nothing and records no step', () => {
    addNodeAction('Input', { x: 0, y: 0 });
    const before = useStudio.getState();
    expect(connectAction('input1', 'input1')).toBe(false);
    expect(useStudio.getState().graph).toBe(before.graph);
    expect(useStudio.getState().history.past).toHaveLength(before.history.past.length);
    expect(useStudio.getState().toast?.kind).toBe('error');
  });

  test('a drag of many frames is one undo step', () => {
    addNodeAction('Dense', { x: 0, y: 0 });
    const steps = useStudio.getState().history.past.length;
    onDragStart();
    for (let i = 1; i <= 10; i++)
      onNodesChange([{ type: 'position', id: 'dense1', position: { x: i * 10, y: i } }]);
    onDragStop();
    expect(useStudio.getState().history.past).toHaveLength(steps + 1);
    expect(useStudio.getState().graph.nodes[0].position).toEqual({ x: 100, y: 10 });
    undo();
    expect(useStudio.getState().graph.nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  test('a new edit after undo clears redo', () => {
    addNodeAction('Dense', { x: 0, y: 0 });
    undo();
    addNodeAction('GRU', { x: 0, y: 0 });
    expect(redo()).toBeNull();
    expect(ids()).toEqual(['gru1']);
  });

  test('history is bounded', () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) checkpoint(`c${i}`);
    expect(useStudio.getState().history.past).toHaveLength(HISTORY_LIMIT);
  });

  test('skip edits change the graph without an undo step', () => {
    const g = { ...emptyGraph(), name: 'x' };
    commit('typing', g, 'skip');
    expect(useStudio.getState().graph).toBe(g);
    expect(useStudio.getState().history.past).toHaveLength(0);
  });

  test('opening a graph is undoable and "unsaved work" compares with what was opened', () => {
    addNodeAction('Dense', { x: 0, y: 0 });
    expect(hasUnsavedWork()).toBe(true);
    replaceGraph('Open', emptyGraph('other'), { baseline: true });
    expect(hasUnsavedWork()).toBe(false);
    undo();
    expect(ids()).toEqual(['dense1']);
  });

  test('selection of deleted items is dropped', () => {
    addNodeAction('Dense', { x: 0, y: 0 });
    addNodeAction('GRU', { x: 0, y: 0 });
    useStudio.setState({ selection: { nodes: ['dense1', 'gru1'], edges: [] } });
    deleteSelectionAction();
    expect(useStudio.getState().selection).toEqual({ nodes: [], edges: [] });
  });
});

describe('adding from the palette without dragging', () => {
  test('builds a chain: each new layer goes right of the selected one and is wired to it, one undo step each', () => {
    const a = addNodeAction('Input');
    const b = addNodeAction('Dense');
    const c = addNodeAction('Softmax');
    const g = useStudio.getState().graph;
    expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual([`${a}->${b}`, `${b}->${c}`]);
    const x = (id: string) => g.nodes.find((n) => n.id === id)!.position!.x;
    expect(x(b)).toBeGreaterThan(x(a));
    expect(x(c)).toBeGreaterThan(x(b));
    expect(undo()).toBe(`Add Softmax after ${b}`);
    expect(ids()).toEqual([a, b]);
  });

  test('when wiring is not allowed the layer is only added', () => {
    addNodeAction('Input');
    addNodeAction('Input');
    expect(ids()).toEqual(['input1', 'input2']);
    expect(useStudio.getState().graph.edges).toEqual([]);
  });
});
