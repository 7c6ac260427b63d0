// The per-step passes that skip work must give the same bits as the dense passes they replace:
// embedding-gradient rows (zeroing, global norm, clipping) and the plain-Adam loop.
import { describe, expect, it } from 'vitest';
import { TouchedRows } from '../../engine/layers/touched-rows.ts';
import { compileModel } from '../../engine/model.ts';
import { clipGradients, createOptimizer, globalGradNorm } from '../../engine/optim/index.ts';
import { Rng } from '../../engine/random.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const graph = {
  format: 'backprop-studio.graph',
  version: 1,
  name: 'emb',
  nodes: [
    { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [6], dtype: 'int32' } },
    { id: 'emb', type: 'Embedding', position: { x: 0, y: 0 }, params: { vocabSize: 50, dim: 4 } },
    { id: 'rnn', type: 'LSTM', position: { x: 0, y: 0 }, params: { units: 5 } },
    { id: 'out', type: 'Dense', position: { x: 0, y: 0 }, params: { units: 1, activation: 'sigmoid' } },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'emb' },
    { id: 'e2', source: 'emb', target: 'rnn' },
    { id: 'e3', source: 'rnn', target: 'out' },
  ],
} as unknown as Graph;

function batch(rng: Rng) {
  const x = { shape: [3, 6], data: Float32Array.from({ length: 18 }, () => rng.int(50)) };
  const y = { shape: [3, 1], data: Float32Array.from({ length: 3 }, () => rng.int(2)) };
  return { x, y };
}

describe('embedding gradient rows', () => {
  it('TouchedRows keeps each row once, ascending, and zeroes exactly those rows', () => {
    const g = new Float32Array(10 * 2).fill(0);
    const t = new TouchedRows(10, 2, g);
    for (const r of [7, 2, 7, 9, 0, 2]) {
      t.add(r);
      g[r * 2] += 1;
    }
    expect([...t.rows()]).toEqual([0, 2, 7, 9]);
    t.zero();
    expect([...g].every((v) => v === 0)).toBe(true);
    expect([...t.rows()]).toEqual([]);
  });

  it('the table grad after each step equals a dense recomputation, and the norm is the same to the bit', () => {
    const model = compileModel(graph, { seed: 3 });
    const table = model.params.find((p) => p.name === 'table')!;
    expect(table.sparse).toBeDefined();
    const rng = new Rng(9);
    const opt = createOptimizer({ type: 'adam', lr: 0.01 }, model.params);
    for (let step = 0; step < 4; step++) {
      const { x, y } = batch(rng);
      model.lossAndGrads(x, y, { instrument: false });
      // dense reference: every row not looked up is exactly zero, every looked-up row as backward left it
      const used = new Set(Array.from(x.data));
      for (let r = 0; r < 50; r++) {
        const row = table.grad.data.subarray(r * 4, r * 4 + 4);
        if (!used.has(r)) expect([...row]).toEqual([0, 0, 0, 0]);
      }
      expect([...table.sparse!.rows()]).toEqual([...used].sort((a, b) => a - b));
      const dense = model.params.map((p) => ({ value: p.value, grad: p.grad }));
      expect(globalGradNorm(model.params)).toBe(globalGradNorm(dense));
      clipGradients(model.params, { type: 'norm', max: 1e-3 });
      opt.step();
    }
  });

  it('clipping by value and by norm touches the same elements as the dense pass would', () => {
    const model = compileModel(graph, { seed: 4 });
    const { x, y } = batch(new Rng(2));
    model.lossAndGrads(x, y, { instrument: false });
    const copies = model.params.map((p) => ({ value: p.value, grad: { shape: p.grad.shape, data: p.grad.data.slice() } }));
    expect(clipGradients(model.params, { type: 'value', max: 1e-4 })).toBe(clipGradients(copies, { type: 'value', max: 1e-4 }));
    for (const [i, p] of model.params.entries()) expect([...p.grad.data]).toEqual([...copies[i].grad.data]);
  });
});

describe('plain-Adam loop', () => {
  it('gives the bits of the general update rule (written out here element by element)', () => {
    const rng = new Rng(1);
    const n = 257;
    const w = Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
    const want = Float32Array.from(w);
    const grad = new Float32Array(n);
    const opt = createOptimizer({ type: 'adam', lr: 0.003, beta1: 0.8, beta2: 0.95, eps: 1e-6 }, [
      { value: { shape: [n], data: w }, grad: { shape: [n], data: grad } },
    ]);
    const m = new Float32Array(n);
    const v = new Float32Array(n);
    for (let t = 1; t <= 5; t++) {
      for (let i = 0; i < n; i++) grad[i] = rng.uniform(-2, 2);
      opt.step();
      const bc1 = 1 - 0.8 ** t;
      const bc2 = 1 - 0.95 ** t;
      for (let i = 0; i < n; i++) {
        const gi = grad[i];
        v[i] = 0.95 * v[i] + (1 - 0.95) * gi * gi;
        m[i] = 0.8 * m[i] + (1 - 0.8) * gi;
        want[i] -= 0.003 * (m[i] / bc1 / (Math.sqrt(v[i] / bc2) + 1e-6));
      }
      expect([...w]).toEqual([...want]);
    }
  });
});
