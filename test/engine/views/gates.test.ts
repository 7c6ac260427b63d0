// The gate view's numbers equal a direct forward pass written here from the equations (PyTorch gate
// orders), for a fixed LSTM (standard, prototype, bidirectional), a GRU and an RNN; the mean over the
// batch is the mean of the per-example maps; saturation marks follow the 10%-of-max-derivative rule.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../graph-schema/schema.ts';
import { compileModel, type Model } from '../../../engine/model.ts';
import { Rng } from '../../../engine/random.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { recordGates } from '../../../engine/views/gates.ts';

const T = 5;
const F = 3;
const H = 4;
const B = 3;

function recurrentGraph(type: string, params: Record<string, unknown>): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes: [
      { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [T, F] } },
      { id: 'rec', type, position: { x: 0, y: 0 }, params: { units: H, returnSequences: true, ...params } },
    ],
    edges: [{ id: 'e1', source: 'in', target: 'rec' }],
    training: { dataset: { id: 'builtin:none' }, loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 } },
  } as unknown as Graph;
}

/** A model with every param drawn from N(0, 0.8) so gates move away from 0.5 and some saturate. */
function fixedModel(g: Graph): Model {
  const m = compileModel(g, { dtype: 'float64', seed: 3 });
  const rng = new Rng(11);
  for (const p of m.params)
    for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = rng.normal() * 0.8;
  return m;
}

function input(): Tensor {
  const rng = new Rng(5);
  const data = new Float64Array(B * T * F);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * 1.5;
  return { shape: [B, T, F], data };
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const param = (m: Model, name: string) => m.params.find((p) => p.name === name)!.value.data;

/** row r of W [rows, cols] times v */
function dot(W: ArrayLike<number>, r: number, cols: number, v: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < cols; k++) s += W[r * cols + k] * v[k];
  return s;
}

function xAt(x: Tensor, b: number, t: number): number[] {
  return Array.from(x.data.subarray((b * T + t) * F, (b * T + t + 1) * F));
}

/** Direct LSTM: gates[t][gate][j] and c, h per step for example b; order of visiting per `reverse`. */
function lstmDirect(m: Model, x: Tensor, b: number, suffix = '', reverse = false) {
  const Wih = param(m, `W_ih${suffix}`);
  const Whh = param(m, `W_hh${suffix}`);
  const bias = param(m, `b${suffix}`);
  let h = new Array(H).fill(0);
  let c = new Array(H).fill(0);
  const out: { gates: number[][]; c: number[]; h: number[] }[] = new Array(T);
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    const xt = xAt(x, b, t);
    const z = (g: number, j: number) =>
      dot(Wih, g * H + j, F, xt) + dot(Whh, g * H + j, H, h) + bias[g * H + j];
    const i = h.map((_, j) => sig(z(0, j)));
    const f = h.map((_, j) => sig(z(1, j)));
    const g = h.map((_, j) => Math.tanh(z(2, j)));
    const o = h.map((_, j) => sig(z(3, j)));
    c = c.map((cp, j) => f[j] * cp + i[j] * g[j]);
    h = c.map((cj, j) => o[j] * Math.tanh(cj));
    out[t] = { gates: [i, f, g, o], c: [...c], h: [...h] };
  }
  return out;
}

describe('gate view record', () => {
  it('LSTM gates, c and h of one example equal a direct forward pass', () => {
    const m = fixedModel(recurrentGraph('LSTM', {}));
    const x = input();
    const r = recordGates(m, m.graph, 'rec', x, 1);
    expect(r.directions).toHaveLength(1);
    const names = r.directions[0].maps.map((mp) => mp.name);
    expect(names).toEqual(['i', 'f', 'g', 'o', 'c', 'h']);
    const want = lstmDirect(m, x, 1);
    const maps = r.directions[0].maps;
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < H; j++) {
        for (let g = 0; g < 4; g++) expect(maps[g].values[t * H + j]).toBeCloseTo(want[t].gates[g][j], 6);
        expect(maps[4].values[t * H + j]).toBeCloseTo(want[t].c[j], 6);
        expect(maps[5].values[t * H + j]).toBeCloseTo(want[t].h[j], 6);
      }
    }
    // saturation marks: 1 exactly where the direct value is on a flat end (every gate, by its kind)
    let marked = 0;
    for (let g = 0; g < 4; g++)
      for (let t = 0; t < T; t++)
        for (let j = 0; j < H; j++) {
          const v = want[t].gates[g][j];
          const sat = (g === 2 ? 1 - v * v < 0.1 : v * (1 - v) < 0.025) ? 1 : 0;
          expect(maps[g].saturated[t * H + j]).toBe(sat);
          marked += sat;
        }
    expect(maps[4].saturated.every((v) => v === 0)).toBe(true); // c has no flat end
    // the mean line is the mean over units
    const f0 = want[2].gates[1];
    expect(maps[1].mean[2]).toBeCloseTo(f0.reduce((a, v) => a + v, 0) / H, 6);
    expect(marked).toBeGreaterThan(0); // the fixture does reach a flat end, so the marks are exercised
  });

  it('the batch mean is the mean of the per-example maps', () => {
    const m = fixedModel(recurrentGraph('LSTM', {}));
    const x = input();
    const mean = recordGates(m, m.graph, 'rec', x, -1);
    const per = [0, 1, 2].map((b) => recordGates(m, m.graph, 'rec', x, b));
    for (let k = 0; k < 6; k++) {
      for (let i = 0; i < T * H; i++) {
        const avg = per.reduce((s, r) => s + r.directions[0].maps[k].values[i], 0) / B;
        expect(mean.directions[0].maps[k].values[i]).toBeCloseTo(avg, 6);
        const satAvg = per.reduce((s, r) => s + r.directions[0].maps[k].saturated[i], 0) / B;
        expect(mean.directions[0].maps[k].saturated[i]).toBeCloseTo(satAvg, 6);
      }
    }
    expect(mean.example).toBe(-1);
    expect(mean.rows).toBe(B);
  });

  it('a bidirectional LSTM shows both directions, the backward one read from t = T down', () => {
    const m = fixedModel(recurrentGraph('LSTM', { bidirectional: true }));
    const x = input();
    const r = recordGates(m, m.graph, 'rec', x, 0);
    expect(r.directions.map((d) => d.reverse)).toEqual([false, true]);
    const fwd = lstmDirect(m, x, 0);
    const bwd = lstmDirect(m, x, 0, '_rev', true);
    for (let t = 0; t < T; t++)
      for (let j = 0; j < H; j++) {
        expect(r.directions[0].maps[1].values[t * H + j]).toBeCloseTo(fwd[t].gates[1][j], 6);
        expect(r.directions[1].maps[1].values[t * H + j]).toBeCloseTo(bwd[t].gates[1][j], 6);
        expect(r.directions[1].maps[5].values[t * H + j]).toBeCloseTo(bwd[t].h[j], 6);
      }
  });

  it('the prototype LSTM uses the lecture names and its equations (read gate inside the candidate)', () => {
    const m = fixedModel(recurrentGraph('LSTM', { variant: 'prototype' }));
    const x = input();
    const r = recordGates(m, m.graph, 'rec', x, 2);
    expect(r.directions[0].maps.map((mp) => mp.label)).toEqual([
      'write i',
      'forget f',
      'candidate s~',
      'read o',
      'state s',
    ]);
    const Wih = param(m, 'W_ih');
    const Whh = param(m, 'W_hh');
    const bias = param(m, 'b');
    let s = new Array(H).fill(0);
    for (let t = 0; t < T; t++) {
      const xt = xAt(x, 2, t);
      const zx = (g: number, j: number) => dot(Wih, g * H + j, F, xt) + bias[g * H + j];
      const i = s.map((_, j) => sig(zx(0, j) + dot(Whh, j, H, s)));
      const f = s.map((_, j) => sig(zx(1, j) + dot(Whh, H + j, H, s)));
      const o = s.map((_, j) => sig(zx(3, j) + dot(Whh, 3 * H + j, H, s)));
      const read = s.map((sj, j) => o[j] * sj);
      const st = s.map((_, j) => Math.tanh(zx(2, j) + dot(Whh, 2 * H + j, H, read)));
      s = s.map((sj, j) => f[j] * sj + i[j] * st[j]);
      const maps = r.directions[0].maps;
      for (let j = 0; j < H; j++) {
        expect(maps[0].values[t * H + j]).toBeCloseTo(i[j], 6);
        expect(maps[1].values[t * H + j]).toBeCloseTo(f[j], 6);
        expect(maps[2].values[t * H + j]).toBeCloseTo(st[j], 6);
        expect(maps[3].values[t * H + j]).toBeCloseTo(o[j], 6);
        expect(maps[4].values[t * H + j]).toBeCloseTo(s[j], 6);
      }
    }
  });

  it('GRU r, z and h equal a direct forward pass; an RNN shows h with tanh saturation', () => {
    const m = fixedModel(recurrentGraph('GRU', {}));
    const x = input();
    const r = recordGates(m, m.graph, 'rec', x, 0);
    expect(r.directions[0].maps.map((mp) => mp.name)).toEqual(['r', 'z', 'n', 'h']);
    const Wih = param(m, 'W_ih');
    const Whh = param(m, 'W_hh');
    const bih = param(m, 'b_ih');
    const bhh = param(m, 'b_hh');
    let h = new Array(H).fill(0);
    for (let t = 0; t < T; t++) {
      const xt = xAt(x, 0, t);
      const zx = (g: number, j: number) => dot(Wih, g * H + j, F, xt) + bih[g * H + j];
      const zh = (g: number, j: number) => dot(Whh, g * H + j, H, h) + bhh[g * H + j];
      const rg = h.map((_, j) => sig(zx(0, j) + zh(0, j)));
      const z = h.map((_, j) => sig(zx(1, j) + zh(1, j)));
      const n = h.map((_, j) => Math.tanh(zx(2, j) + rg[j] * zh(2, j)));
      h = h.map((hp, j) => (1 - z[j]) * n[j] + z[j] * hp);
      const maps = r.directions[0].maps;
      for (let j = 0; j < H; j++) {
        expect(maps[0].values[t * H + j]).toBeCloseTo(rg[j], 6);
        expect(maps[1].values[t * H + j]).toBeCloseTo(z[j], 6);
        expect(maps[3].values[t * H + j]).toBeCloseTo(h[j], 6);
      }
    }
    const rnn = fixedModel(recurrentGraph('RNN', {}));
    const rr = recordGates(rnn, rnn.graph, 'rec', x, 0);
    const hm = rr.directions[0].maps;
    expect(hm.map((mp) => mp.name)).toEqual(['h']);
    expect(hm[0].kind).toBe('tanh');
    for (let i = 0; i < T * H; i++) {
      const v = hm[0].values[i];
      expect(hm[0].saturated[i]).toBe(1 - v * v < 0.1 ? 1 : 0);
    }
  });

  it('refuses a node that is not recurrent, in words', () => {
    const m = fixedModel(recurrentGraph('LSTM', {}));
    expect(() => recordGates(m, m.graph, 'in', input(), 0)).toThrow(/not a recurrent layer/);
    expect(() => recordGates(m, m.graph, 'rec', input(), 7)).toThrow(/example 8 is not in the 3 rows/);
  });
});
