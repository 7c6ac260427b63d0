// The values view of a single-hidden-layer network, one example: activations equal a direct forward
// pass, the edges carry Ŷ − Y and βᵀ(Ŷ − Y), and the lecture's (Ŷ − Y)Zᵀ equals the engine's ∂L/∂β.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../graph-schema/schema.ts';
import { compileModel } from '../../../engine/model.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { recordValues } from '../../../engine/views/values.ts';

function mlp(units = 4): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes: [
      { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [2] } },
      { id: 'hidden', type: 'Dense', position: { x: 0, y: 0 }, params: { units, activation: 'tanh' } },
      { id: 'logits', type: 'Dense', position: { x: 0, y: 0 }, params: { units: 3 } },
      { id: 'probs', type: 'Softmax', position: { x: 0, y: 0 }, params: {} },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'hidden' },
      { id: 'e2', source: 'hidden', target: 'logits' },
      { id: 'e3', source: 'logits', target: 'probs' },
    ],
    training: { dataset: { id: 'builtin:spirals' }, loss: 'auto', optimizer: { type: 'sgd', lr: 0.1 } },
  } as unknown as Graph;
}

const x: Tensor = { shape: [1, 2], data: Float32Array.from([0.7, -1.3]) };
const y: Tensor = { shape: [1], data: Float32Array.from([2]) };

describe('values view record', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`(Ŷ − Y)Zᵀ equals the engine's ∂L/∂β (${dtype})`, () => {
      const m = compileModel(mlp(), { dtype, seed: 9 });
      const r = recordValues(m, x, y, 0);
      const s = r.softmax!;
      expect(s.denseId).toBe('logits');
      expect(s.outer.shape).toEqual([3, 4]);
      const tol = dtype === 'float32' ? 1e-6 : 1e-12;
      for (let i = 0; i < 12; i++) expect(Math.abs(s.outer.data[i] - s.engineW.data[i])).toBeLessThan(tol);
      expect(s.maxDiff).toBeLessThan(tol);
      for (let k = 0; k < 3; k++) expect(s.engineB!.data[k]).toBeCloseTo(s.diff.data[k], 6);
      expect(Array.from(s.y.data)).toEqual([0, 0, 1]);
      // the check is not trivially zero: the gradient is a real, non-zero matrix
      expect(Math.max(...Array.from(s.engineW.data, Math.abs))).toBeGreaterThan(1e-3);
    });
  }

  it('activations and edge gradients equal a direct computation with the same weights', () => {
    const m = compileModel(mlp(), { dtype: 'float64', seed: 9 });
    const W1 = m.params.find((p) => p.nodeId === 'hidden' && p.name === 'W')!.value.data;
    const b1 = m.params.find((p) => p.nodeId === 'hidden' && p.name === 'b')!.value.data;
    const W2 = m.params.find((p) => p.nodeId === 'logits' && p.name === 'W')!.value.data;
    const b2 = m.params.find((p) => p.nodeId === 'logits' && p.name === 'b')!.value.data;
    const z = [0, 1, 2, 3].map((j) => Math.tanh(W1[2 * j] * x.data[0] + W1[2 * j + 1] * x.data[1] + b1[j]));
    const t = [0, 1, 2].map((k) => b2[k] + z.reduce((s, zj, j) => s + W2[k * 4 + j] * zj, 0));
    const e = t.map(Math.exp);
    const sum = e.reduce((a, v) => a + v, 0);
    const yHat = e.map((v) => v / sum);
    const r = recordValues(m, x, y, 0);
    const node = (id: string) => r.nodes.find((n) => n.id === id)!.value;
    expect(node('hidden').shape).toEqual([4]);
    z.forEach((v, j) => {
      expect(node('hidden').data[j]).toBeCloseTo(v, 12);
    });
    t.forEach((v, k) => {
      expect(node('logits').data[k]).toBeCloseTo(v, 12);
    });
    yHat.forEach((v, k) => {
      expect(node('probs').data[k]).toBeCloseTo(v, 12);
    });
    expect(r.loss).toBeCloseTo(-Math.log(yHat[2]), 12);
    const diff = yHat.map((p, k) => p - (k === 2 ? 1 : 0));
    const edge = (id: string) => r.edges.find((ed) => ed.id === id)!.grad;
    diff.forEach((d, k) => {
      expect(edge('e3').data[k]).toBeCloseTo(d, 12);
    });
    // what reaches the hidden layer: βᵀ(Ŷ − Y)
    for (let j = 0; j < 4; j++) {
      const want = diff.reduce((s, d, k) => s + W2[k * 4 + j] * d, 0);
      expect(edge('e2').data[j]).toBeCloseTo(want, 12);
    }
    expect(r.edges.map((ed) => ed.id)).toEqual(['e1', 'e2', 'e3']); // a float Input receives a gradient too
  });

  it('refuses a model too large to read, in words', () => {
    const m = compileModel(mlp(400), { dtype: 'float32', seed: 1 });
    expect(() => recordValues(m, x, y, 0)).toThrow(
      /small models \(up to 1000 parameters\); this one has 2403/,
    );
  });
});
