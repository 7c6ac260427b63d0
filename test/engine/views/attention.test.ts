// The attention view's weights equal softmax(Q Kᵀ / sqrt(U)) computed here from W_qkv, b_qkv and the
// input (causal mask applied), rows sum to 1, and the batch mean is the mean of the examples.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../graph-schema/schema.ts';
import { compileModel } from '../../../engine/model.ts';
import { Rng } from '../../../engine/random.ts';
import { recordAttention } from '../../../engine/views/attention.ts';

const T = 5;
const D = 3;
const U = 4;

function graph(causal: boolean): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes: [
      { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [T, D] } },
      { id: 'att', type: 'SelfAttention', position: { x: 0, y: 0 }, params: { units: U, causal } },
    ],
    edges: [{ id: 'e1', source: 'in', target: 'att' }],
    training: { dataset: { id: 'builtin:none' }, loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 } },
  } as unknown as Graph;
}

describe('attention view record', () => {
  for (const causal of [false, true]) {
    it(`weights equal a direct softmax(QKᵀ/√U) (causal ${causal})`, () => {
      const m = compileModel(graph(causal), { dtype: 'float64', seed: 5 });
      const rng = new Rng(2);
      const x = { shape: [2, T, D], data: Float64Array.from({ length: 2 * T * D }, () => rng.normal()) };
      const W = m.params.find((p) => p.name === 'W_qkv')!.value.data;
      const b = m.params.find((p) => p.name === 'b_qkv')!.value.data;
      for (let i = 0; i < b.length; i++) b[i] = 0.1 * (i % 3); // non-zero biases are covered too
      const r = recordAttention(m, 'att', x, 1);
      expect(r.causal).toBe(causal);
      const proj = (t: number, block: number) =>
        Array.from({ length: U }, (_, u) => {
          let s = b[block * U + u];
          for (let d = 0; d < D; d++) s += W[(block * U + u) * D + d] * x.data[(T + t) * D + d];
          return s;
        });
      for (let i = 0; i < T; i++) {
        const q = proj(i, 0);
        const scores = Array.from({ length: T }, (_, j) => {
          if (causal && j > i) return Number.NEGATIVE_INFINITY;
          const k = proj(j, 1);
          return q.reduce((s, v, u) => s + v * k[u], 0) / Math.sqrt(U);
        });
        const mx = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - mx));
        const z = e.reduce((s, v) => s + v, 0);
        let row = 0;
        for (let j = 0; j < T; j++) {
          expect(r.weights[i * T + j]).toBeCloseTo(e[j] / z, 6);
          row += r.weights[i * T + j];
        }
        expect(row).toBeCloseTo(1, 6);
      }
      const mean = recordAttention(m, 'att', x, -1);
      const r0 = recordAttention(m, 'att', x, 0);
      for (let i = 0; i < T * T; i++)
        expect(mean.weights[i]).toBeCloseTo((r0.weights[i] + r.weights[i]) / 2, 6);
    });
  }

  it('refuses a node that is not SelfAttention, in words', () => {
    const m = compileModel(graph(false), { seed: 1 });
    const x = { shape: [1, T, D], data: new Float32Array(T * D) };
    expect(() => recordAttention(m, 'in', x, 0)).toThrow(/not a SelfAttention layer/);
  });
});
