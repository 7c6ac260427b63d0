// Time-step gradient norms ||dL/dh_t||: the total derivative (upstream at t plus what flows back
// from step t+1). Checked by finite differences through a trick: when W_ih = W_hh (I = H), the part
// that flows back from step t+1 into h_t, δz_{t+1} W_hh, equals dL/dx_{t+1} = δz_{t+1} W_ih, which
// central differences on x measure independently. This holds for the vanilla RNN and for LSTM
// standard/peephole (whose h_t enters step t+1 only through the gates). GRU and prototype norms are
// pinned by the PyTorch reference cases.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../engine/random.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { l2norm } from '../../../engine/tensor.ts';
import { build, dot, randomTensor, VARIANTS, zeroGrads } from './helpers.ts';

const B = 2;
const T = 5;
const H = 3;
const ON = { instrument: true };
const OFF = { instrument: false };

/** Central-difference dL/dx_{p} for every batch row, as a [B, I] array. */
function numericGradAtStep(x: Tensor, p: number, I: number, f: () => number): Float64Array {
  const g = new Float64Array(B * I);
  const eps = 1e-6;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < I; i++) {
      const k = (b * T + p) * I + i;
      const keep = x.data[k];
      x.data[k] = keep + eps;
      const up = f();
      x.data[k] = keep - eps;
      const down = f();
      x.data[k] = keep;
      g[b * I + i] = (up - down) / (2 * eps);
    }
  }
  return g;
}

const GATE_ONLY = VARIANTS.filter(
  (v) => v.type === 'RNN' || (v.type === 'LSTM' && v.extra.variant !== 'prototype'),
);

describe('time-step gradient norms equal the total derivative dL/dh_t', () => {
  for (const v of GATE_ONLY) {
    for (const seq of [false, true]) {
      it(`${v.label}, ${seq ? 'upstream at every step plus h_last' : 'seeded only by h_last'}`, () => {
        const rng = new Rng(11);
        const layer = build(v, { H, T, I: H, seq, bidir: false });
        for (const p of layer.params) p.value.data.set(randomTensor(p.value.shape, rng, 0.7).data);
        const wIh = layer.params.find((p) => p.name === 'W_ih')!;
        const wHh = layer.params.find((p) => p.name === 'W_hh')!;
        wIh.value.data.set(wHh.value.data); // the trick: same shape because I = H
        const x = randomTensor([B, T, H], rng);
        const U = seq ? randomTensor([B, T, H], rng) : null;
        const V = randomTensor([B, H], rng);
        const f = () => {
          const y = layer.forward([x], OFF);
          return (U ? dot(y.data, U.data) : 0) + dot(layer.finalStates().h_last.data, V.data);
        };
        layer.forward([x], OFF);
        zeroGrads(layer);
        layer.backwardWithFinalState(U, { h_last: V }, ON);
        const norms = layer.timestepGradNorms()!;
        expect(norms).toHaveLength(T);
        for (let t = 0; t < T; t++) {
          // total adjoint at t: upstream at t (+ the final-state seed at T) + the flow from t+1
          const total = new Float64Array(B * H);
          for (let b = 0; b < B; b++) {
            for (let j = 0; j < H; j++) {
              total[b * H + j] =
                (U ? U.data[(b * T + t) * H + j] : 0) + (t === T - 1 ? V.data[b * H + j] : 0);
            }
          }
          if (t < T - 1) {
            const flow = numericGradAtStep(x, t + 1, H, f);
            for (let i = 0; i < total.length; i++) total[i] += flow[i];
          }
          expect(norms[t]).toBeCloseTo(l2norm(total), 7);
        }
      });
    }
  }

  it('a vanilla RNN whose W_hh has spectral norm 0.5 loses at least half the gradient per step', () => {
    const rng = new Rng(5);
    const layer = build(VARIANTS[0], { H: 6, T: 8, I: 4, seq: false, bidir: false });
    // W_hh was initialized orthogonal (spectral norm 1); halve it. tanh' <= 1, so ||dh_{t-1}|| <= ||dh_t|| / 2
    const wHh = layer.params.find((p) => p.name === 'W_hh')!;
    for (let i = 0; i < wHh.value.data.length; i++) wHh.value.data[i] *= 0.5;
    const x = randomTensor([3, 8, 4], rng);
    layer.forward([x], OFF);
    layer.backwardWithFinalState(null, { h_last: randomTensor([3, 6], rng) }, ON);
    const norms = layer.timestepGradNorms()!;
    for (let t = 0; t < 7; t++) expect(norms[t]).toBeLessThanOrEqual(0.5 * norms[t + 1] + 1e-15);
    expect(norms[0]).toBeGreaterThan(0);
  });
});

describe('bidirectional time-step norms', () => {
  for (const v of VARIANTS) {
    it(`${v.label}: sqrt(forward² + backward²) per position`, () => {
      const rng = new Rng(21);
      const I = 2;
      const bi = build(v, { H, T, I, seq: true, bidir: true, seed: 4 });
      const fwd = build(v, { H, T, I, seq: true, bidir: false, seed: 9 });
      const rev = build(v, { H, T, I, seq: true, bidir: false, seed: 9 });
      // copy the two directions' params of the bidirectional layer into two one-way layers
      for (const p of fwd.params) p.value.data.set(bi.params.find((q) => q.name === p.name)!.value.data);
      for (const p of rev.params)
        p.value.data.set(bi.params.find((q) => q.name === `${p.name}_rev`)!.value.data);
      const x = randomTensor([B, T, I], rng);
      const U = randomTensor([B, T, 2 * H], rng);
      // the reverse direction equals a forward layer over the time-reversed sequence
      const xr = { shape: x.shape, data: new Float64Array(x.data.length) };
      const Uf = { shape: [B, T, H], data: new Float64Array(B * T * H) };
      const Ur = { shape: [B, T, H], data: new Float64Array(B * T * H) };
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < T; t++) {
          const tr = T - 1 - t;
          for (let i = 0; i < I; i++) xr.data[(b * T + tr) * I + i] = x.data[(b * T + t) * I + i];
          for (let j = 0; j < H; j++) {
            Uf.data[(b * T + t) * H + j] = U.data[(b * T + t) * 2 * H + j];
            Ur.data[(b * T + tr) * H + j] = U.data[(b * T + t) * 2 * H + H + j];
          }
        }
      }
      bi.forward([x], OFF);
      bi.backward(U, ON);
      fwd.forward([x], OFF);
      fwd.backward(Uf, ON);
      rev.forward([xr], OFF);
      rev.backward(Ur, ON);
      const nb = bi.timestepGradNorms()!;
      const nf = fwd.timestepGradNorms()!;
      const nr = rev.timestepGradNorms()!;
      for (let t = 0; t < T; t++) expect(nb[t]).toBeCloseTo(Math.hypot(nf[t], nr[T - 1 - t]), 12);
    });
  }
});

describe('time-step norms are only kept by an instrumented backward', () => {
  it('is null before any backward and after an uninstrumented one', () => {
    const rng = new Rng(2);
    const layer = build(VARIANTS[6], { H, T, I: 2, seq: false, bidir: false });
    const x = randomTensor([B, T, 2], rng);
    layer.forward([x], OFF);
    expect(layer.timestepGradNorms()).toBeNull();
    layer.backward(randomTensor([B, H], rng), ON);
    expect(layer.timestepGradNorms()).toHaveLength(T);
    layer.backward(randomTensor([B, H], rng), OFF);
    expect(layer.timestepGradNorms()).toBeNull();
  });
});
