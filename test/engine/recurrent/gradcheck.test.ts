// Central finite differences (float64) against the hand-derived BPTT of every cell, uni- and
// bidirectional, with and without returnSequences. The loss also seeds the final states, so the
// backwardWithFinalState path is checked too:
//   L = sum(y ⊙ U) + sum(h_last ⊙ V) (+ sum(h_last_rev ⊙ V_rev))
import { describe, expect, it } from 'vitest';
import type { RecurrentLayer } from '../../../engine/layers/recurrent/index.ts';
import { Rng } from '../../../engine/random.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { build, dot, randomTensor, VARIANTS, zeroGrads } from './helpers.ts';

const B = 2;
const T = 4;
const I = 3;
const H = 3;
const EPS = 1e-6;
const OFF = { instrument: false };

interface Seeds {
  U: Tensor;
  V: Tensor;
  Vrev: Tensor | null;
}

function loss(layer: RecurrentLayer, x: Tensor, s: Seeds): number {
  const y = layer.forward([x], OFF);
  const fin = layer.finalStates();
  let L = dot(y.data, s.U.data) + dot(fin.h_last.data, s.V.data);
  if (s.Vrev && fin.h_last_rev) L += dot(fin.h_last_rev.data, s.Vrev.data);
  return L;
}

/** Largest violation of |analytic - numeric| <= 1e-8 + 1e-6·|numeric| over the entries of `values`. */
function worstViolation(values: Float64Array, analytic: ArrayLike<number>, f: () => number): string | null {
  for (let i = 0; i < values.length; i++) {
    const keep = values[i];
    values[i] = keep + EPS;
    const up = f();
    values[i] = keep - EPS;
    const down = f();
    values[i] = keep;
    const numeric = (up - down) / (2 * EPS);
    if (Math.abs(analytic[i] - numeric) > 1e-8 + 1e-6 * Math.abs(numeric)) {
      return `entry ${i}: analytic ${analytic[i]}, numeric ${numeric}`;
    }
  }
  return null;
}

describe('recurrent gradients match finite differences (float64)', () => {
  for (const v of VARIANTS) {
    for (const bidir of [false, true]) {
      for (const seq of [true, false]) {
        it(`${v.label}${bidir ? ' bidirectional' : ''} ${seq ? 'returnSequences' : 'last output'}`, () => {
          const rng = new Rng(7);
          const layer = build(v, { H, T, I, seq, bidir });
          // random params everywhere (biases and peepholes included), so no term hides behind a zero
          for (const p of layer.params) p.value.data.set(randomTensor(p.value.shape, rng, 0.6).data);
          const x = randomTensor([B, T, I], rng);
          const width = bidir ? 2 * H : H;
          const seeds: Seeds = {
            U: randomTensor(seq ? [B, T, width] : [B, width], rng),
            V: randomTensor([B, H], rng),
            Vrev: bidir ? randomTensor([B, H], rng) : null,
          };
          layer.forward([x], OFF);
          zeroGrads(layer);
          const [dX] = layer.backwardWithFinalState(
            seeds.U,
            { h_last: seeds.V, h_last_rev: seeds.Vrev ?? undefined },
            OFF,
          );
          const dXcopy = Float64Array.from(dX.data);
          const f = () => loss(layer, x, seeds);
          expect(worstViolation(x.data as Float64Array, dXcopy, f), 'dL/dx').toBeNull();
          for (const p of layer.params) {
            const analytic = Float64Array.from(p.grad.data);
            expect(worstViolation(p.value.data as Float64Array, analytic, f), `dL/d${p.name}`).toBeNull();
          }
        });
      }
    }
  }
});

describe('backward accumulates into param grads', () => {
  it('two backward passes give twice the gradient', () => {
    const rng = new Rng(3);
    const layer = build(VARIANTS[3], { H, T, I, seq: true, bidir: true });
    const x = randomTensor([B, T, I], rng);
    const U = randomTensor([B, T, 2 * H], rng);
    layer.forward([x], OFF);
    zeroGrads(layer);
    layer.backward(U, OFF);
    const once = layer.params.map((p) => Float64Array.from(p.grad.data));
    layer.backward(U, OFF);
    layer.params.forEach((p, k) => {
      for (let i = 0; i < p.grad.data.length; i++) expect(p.grad.data[i]).toBeCloseTo(2 * once[k][i], 12);
    });
  });
});
