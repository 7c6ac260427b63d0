import { describe, expect, test } from 'vitest';
import type { Graph } from '../../graph-schema/schema.ts';
import {
  addNode,
  connect,
  connectionProblem,
  copyNodes,
  emptyGraph,
  moveNodes,
  pasteClip,
  reconnect,
  removeItems,
  renameNode,
  setParam,
} from '../../app/model/graphOps.ts';

function chain(): Graph {
  let g = emptyGraph('t');
  for (const [type, x] of [
    ['Input', 0],
    ['Dense', 300],
    ['Add', 600],
    ['Dense', 900],
  ] as const) {
    g = addNode(g, type, { x, y: 0 }).graph;
  }
  for (const [s, t] of [
    ['input1', 'dense1'],
    ['dense1', 'add1'],
    ['add1', 'dense2'],
  ]) {
    const r = connect(g, s, t);
    if (!r.ok) throw new Error(r.reason);
    g = r.graph;
  }
  return g;
}

describe('graph edits', () => {
  test('added nodes get type-based ids, default params and whole-pixel positions', () => {
    const a = addNode(emptyGraph(), 'LSTM', { x: 10.6, y: -3.2 });
    const b = addNode(a.graph, 'LSTM', { x: 0, y: 0 });
    expect([a.id, b.id]).toEqual(['lstm1', 'lstm2']);
    expect(b.graph.nodes[0]).toMatchObject({
      type: 'LSTM',
      position: { x: 11, y: -3 },
      params: { units: 32 },
    });
  });

  test('edits never mutate the graph they are given', () => {
    const g = chain();
    const frozen = JSON.stringify(g);
    setParam(g, 'dense1', 'units', 5);
    moveNodes(g, { dense1: { x: 1, y: 2 } });
    removeItems(g, ['add1'], []);
    renameNode(g, 'dense1', 'hidden');
    expect(JSON.stringify(g)).toBe(frozen);
  });

  test('a cycle is refused with the reason', () => {
    expect(connectionProblem(chain(), 'dense2', 'add1')).toMatch(/would make a cycle/);
    expect(connectionProblem(chain(), 'dense1', 'dense1')).toMatch(/cannot feed itself/);
  });

  test('a second input into a single-input layer is refused; Add takes several', () => {
    const g = chain();
    expect(connectionProblem(g, 'input1', 'dense2')).toMatch(/takes one input and already has one/);
    expect(connectionProblem(g, 'input1', 'add1')).toBeNull();
    expect(connectionProblem(g, 'dense1', 'input1')).toMatch(/is an Input/);
    expect(connectionProblem(g, 'input1', 'dense1')).toMatch(/already connected/);
  });

  test('deleting a node removes its edges too', () => {
    const g = removeItems(chain(), ['add1'], []);
    expect(g.nodes.map((n) => n.id)).toEqual(['input1', 'dense1', 'dense2']);
    expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['input1->dense1']);
  });

  test('renaming a node rewires its edges and refuses taken or malformed ids', () => {
    const r = renameNode(chain(), 'add1', 'merge');
    expect(r.ok && r.graph.edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'input1->dense1',
      'dense1->merge',
      'merge->dense2',
    ]);
    expect(renameNode(chain(), 'add1', 'dense1')).toMatchObject({ ok: false });
    expect(renameNode(chain(), 'add1', '1abc')).toMatchObject({ ok: false });
  });

  test('paste gives fresh ids, keeps inner edges and offsets positions', () => {
    const g = chain();
    const clip = copyNodes(g, ['dense1', 'add1']);
    expect(clip.edges).toHaveLength(1);
    const r = pasteClip(g, clip, { x: 40, y: 40 });
    expect(r.ids).toEqual(['dense3', 'add2']);
    const pasted = r.graph.edges[r.graph.edges.length - 1];
    expect([pasted.source, pasted.target]).toEqual(['dense3', 'add2']);
    expect(r.graph.nodes.find((n) => n.id === 'dense3')?.position).toEqual({ x: 340, y: 40 });
    expect(new Set(r.graph.edges.map((e) => e.id)).size).toBe(r.graph.edges.length);
  });
});

describe('reconnecting an edge', () => {
  test('moves its target to a free layer and keeps its id', () => {
    let g = chain();
    g = addNode(g, 'Dense', { x: 900, y: 300 }).graph; // dense3, no input yet
    const r = reconnect(g, 'e3', 'add1', 'dense3');
    expect(r.ok && r.graph.edges.find((e) => e.id === 'e3')).toEqual({
      id: 'e3',
      source: 'add1',
      target: 'dense3',
    });
  });

  test('moving the source end is not refused by the edge itself being the target’s input', () => {
    const g = chain();
    const r = reconnect(g, 'e3', 'input1', 'dense2');
    expect(r.ok).toBe(true);
  });

  test('a move that would close a loop is refused with the reason', () => {
    expect(reconnect(chain(), 'e1', 'dense2', 'dense1')).toMatchObject({ ok: false });
    const r = reconnect(chain(), 'e1', 'dense2', 'dense1');
    expect(!r.ok && r.reason).toMatch(/cycle/);
  });
});
