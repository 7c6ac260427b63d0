// Per-layer gradient norms equal the instrumented report's edge and parameter norms on a chain, and
// shrink toward the input of a deep sigmoid MLP; the embedding map's PCA recovers a known plane and
// its neighbours are the brute-force cosine ranking.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../graph-schema/schema.ts';
import { compileModel } from '../../../engine/model.ts';
import { Rng } from '../../../engine/random.ts';
import { embeddingMap } from '../../../engine/views/embedding.ts';
import { layerGradients } from '../../../engine/views/layergrads.ts';

function sigmoidMlp(depth: number): Graph {
  const nodes = [{ id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [4] } }];
  const edges = [];
  let prev = 'in';
  for (let i = 1; i <= depth; i++) {
    nodes.push({
      id: `d${i}`,
      type: 'Dense',
      position: { x: 0, y: 0 },
      params: { units: 8, activation: 'sigmoid' } as never,
    });
    edges.push({ id: `e${i}`, source: prev, target: `d${i}` });
    prev = `d${i}`;
  }
  nodes.push({ id: 'logits', type: 'Dense', position: { x: 0, y: 0 }, params: { units: 3 } as never });
  nodes.push({ id: 'probs', type: 'Softmax', position: { x: 0, y: 0 }, params: {} as never });
  edges.push({ id: 'eL', source: prev, target: 'logits' }, { id: 'eS', source: 'logits', target: 'probs' });
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes,
    edges,
    training: { dataset: { id: 'builtin:none' }, loss: 'auto', optimizer: { type: 'sgd', lr: 0.1 } },
  } as unknown as Graph;
}

describe('per-layer gradient norms', () => {
  it("equal the report's edge and param norms, output first, and vanish with depth under sigmoid", () => {
    const m = compileModel(sigmoidMlp(6), { dtype: 'float64', seed: 2 });
    const rng = new Rng(1);
    const x = { shape: [16, 4], data: Float64Array.from({ length: 64 }, () => rng.normal()) };
    const y = { shape: [16], data: Float64Array.from({ length: 16 }, (_, i) => i % 3) };
    const r = layerGradients(m, x, y);
    const rep = m.lossAndGrads(x, y, { instrument: true }).report!;
    expect(r.layers.map((l) => l.nodeId)).toEqual(['probs', 'logits', 'd6', 'd5', 'd4', 'd3', 'd2', 'd1']);
    expect(r.layers[0].output).toBeNull(); // the fused head: its gradient shows on logits
    const next = (id: string) => m.graph.edges.find((e) => e.source === id)!.id;
    for (const l of r.layers.slice(1)) {
      expect(l.output).toBeCloseTo(rep.edges[next(l.nodeId)], 12);
      const ps = Object.values(rep.params[l.nodeId]);
      expect(l.params).toBeCloseTo(Math.sqrt(ps.reduce((s, v) => s + v * v, 0)), 12);
    }
    const d6 = r.layers.find((l) => l.nodeId === 'd6')!;
    const d1 = r.layers.find((l) => l.nodeId === 'd1')!;
    expect(d1.output!).toBeLessThan(d6.output! / 10); // sigmoid' <= 0.25 per layer
    expect(d1.params!).toBeLessThan(d6.params!);
  });

  it('sums what a node sends back along several edges', () => {
    const g = sigmoidMlp(2);
    g.nodes.push({ id: 'add', type: 'Add', position: { x: 0, y: 0 }, params: {} } as never);
    g.edges = g.edges.filter((e) => e.id !== 'eL');
    g.edges.push(
      { id: 'a1', source: 'd2', target: 'add' },
      { id: 'a2', source: 'd1', target: 'add' },
      { id: 'eL', source: 'add', target: 'logits' },
    );
    const m = compileModel(g, { dtype: 'float64', seed: 2 });
    const x = { shape: [2, 4], data: Float64Array.from([1, 2, 3, 4, -1, 0, 1, 0]) };
    const y = { shape: [2], data: Float64Array.from([0, 2]) };
    const r = layerGradients(m, x, y);
    // d1 feeds d2 and add: its gradient is the sum of both edges' tensors
    const rec = { edges: {} as Record<string, { data: ArrayLike<number> }> };
    m.lossAndGrads(x, y, { instrument: false }, rec as never);
    const a = rec.edges.e2.data;
    const b = rec.edges.a2.data;
    let s = 0;
    for (let j = 0; j < a.length; j++) s += (a[j] + b[j]) ** 2;
    expect(r.layers.find((l) => l.nodeId === 'd1')!.output).toBeCloseTo(Math.sqrt(s), 12);
  });
});

describe('embedding map', () => {
  it('PCA finds a known plane; neighbours are the cosine ranking', () => {
    const g = {
      format: 'backprop-studio.graph',
      version: 1,
      nodes: [
        { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [3], dtype: 'int32' } },
        { id: 'emb', type: 'Embedding', position: { x: 0, y: 0 }, params: { vocabSize: 40, dim: 5 } },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'emb' }],
      training: { dataset: { id: 'builtin:none' }, loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 } },
    } as unknown as Graph;
    const m = compileModel(g, { dtype: 'float64', seed: 1 });
    const t = m.params[0].value.data;
    const rng = new Rng(3);
    const u = [0.6, 0.8, 0, 0, 0];
    const v = [0, 0, 0, 1, 0];
    // centred, exactly uncorrelated coordinates with var(a) > var(b): the principal axes are u and v
    let a = Array.from({ length: 40 }, () => 3 * rng.normal());
    let b = Array.from({ length: 40 }, () => rng.normal());
    const centre = (z: number[]) => z.map((x) => x - z.reduce((s, y) => s + y, 0) / z.length);
    a = centre(a);
    b = centre(b);
    const ab = a.reduce((s, x, i) => s + x * b[i], 0) / a.reduce((s, x) => s + x * x, 0);
    b = b.map((x, i) => x - ab * a[i]);
    for (let i = 0; i < 40; i++)
      for (let d = 0; d < 5; d++) t[i * 5 + d] = 2 + a[i] * u[d] + b[i] * v[d] + (d === 0 ? 1 : 0);
    const ma = 0;
    const mb = 0;
    const map = embeddingMap(m, 'emb', undefined, 300, 3);
    expect(map.count).toBe(40);
    expect(map.explained[0] + map.explained[1]).toBeCloseTo(1, 9);
    for (let i = 0; i < 40; i++) {
      expect(Math.abs(map.coords[2 * i])).toBeCloseTo(Math.abs(a[i] - ma), 4);
      expect(Math.abs(map.coords[2 * i + 1])).toBeCloseTo(Math.abs(b[i] - mb), 4);
    }
    const cos = (i: number, j: number) => {
      let s = 0;
      let ni = 0;
      let nj = 0;
      for (let d = 0; d < 5; d++) {
        s += t[i * 5 + d] * t[j * 5 + d];
        ni += t[i * 5 + d] ** 2;
        nj += t[j * 5 + d] ** 2;
      }
      return s / Math.sqrt(ni * nj);
    };
    for (const i of [0, 7, 39]) {
      const want = Array.from({ length: 40 }, (_, j) => j)
        .filter((j) => j !== i)
        .sort((p, q) => cos(i, q) - cos(i, p))
        .slice(0, 3);
      expect(Array.from(map.neighbours.subarray(i * 3, i * 3 + 3))).toEqual(want);
      expect(map.similarity[i * 3]).toBeCloseTo(cos(i, want[0]), 5);
    }
    expect(map.labels[3]).toBe('#3');
    expect(map.tokenRows).toBe(40); // no vocabulary: every row counts as used
    // a 25-token vocabulary in a 40-row table: rows 25..39 belong to no token
    const vocab = Array.from({ length: 25 }, (_, i) => `w${i}`);
    const named = embeddingMap(m, 'emb', vocab, 300, 3);
    expect(named.tokenRows).toBe(25);
    expect([named.labels[24], named.labels[25]]).toEqual(['w24', '#25']);
    expect(embeddingMap(m, 'emb', vocab, 10, 3).tokenRows).toBe(10); // only the rows shown
    expect(() => embeddingMap(m, 'in', undefined)).toThrow(/not an Embedding/);
  });
});
