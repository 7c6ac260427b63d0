// Parameter names, counts (Keras formulas) and Keras-default initialization of the recurrent layers.
import { describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../engine/layers/recurrent/index.ts';
import { Rng } from '../../../engine/random.ts';
import type { Variant } from './helpers.ts';
import { build, node, VARIANTS } from './helpers.ts';

const I = 5;
const H = 7;

/** Keras's count for one direction, written from the Keras formulas (not from our shapes). */
function kerasCount(v: Variant): number {
  if (v.type === 'RNN') return H * (I + H + 1);
  if (v.type === 'GRU') return 3 * H * (I + H + 2);
  return 4 * H * (I + H + 1) + (v.extra.variant === 'peephole' ? 3 * H : 0);
}

const count = (layer: { params: { value: { data: { length: number } } }[] }) =>
  layer.params.reduce((s, p) => s + p.value.data.length, 0);

describe('parameter counts follow Keras', () => {
  for (const v of VARIANTS) {
    it(v.label, () => {
      expect(count(build(v, { H, T: 3, I, seq: false, bidir: false }))).toBe(kerasCount(v));
      expect(count(build(v, { H, T: 3, I, seq: true, bidir: true }))).toBe(2 * kerasCount(v));
    });
  }

  it('the seed IMDb model: Bidirectional(LSTM(64)) over 128-dim embeddings has 98,816', () => {
    const lstm = VARIANTS[3];
    const layer = createRecurrentLayer(node(lstm, 64, true, true), [200, 128], 'float32', new Rng(1));
    expect(count(layer)).toBe(98_816);
    expect(layer.outputShape).toEqual([200, 128]);
  });
});

describe('parameter names and layouts', () => {
  it('match the reference README', () => {
    const names = (v: Variant, bidir: boolean) =>
      build(v, { H, T: 3, I, seq: false, bidir }).params.map((p) => `${p.name}[${p.value.shape}]`);
    expect(names(VARIANTS[0], false)).toEqual(['W_ih[7,5]', 'W_hh[7,7]', 'b[7]']);
    expect(names(VARIANTS[4], false)).toEqual([
      'W_ih[28,5]',
      'W_hh[28,7]',
      'b[28]',
      'p_i[7]',
      'p_f[7]',
      'p_o[7]',
    ]);
    expect(names(VARIANTS[6], true)).toEqual([
      'W_ih[21,5]',
      'W_hh[21,7]',
      'b_ih[21]',
      'b_hh[21]',
      'W_ih_rev[21,5]',
      'W_hh_rev[21,7]',
      'b_ih_rev[21]',
      'b_hh_rev[21]',
    ]);
  });
});

describe('Keras-default initialization', () => {
  for (const v of VARIANTS) {
    it(`${v.label}: glorot-uniform W_ih, orthogonal W_hh, zero biases, forget bias`, () => {
      const layer = build(v, { H, T: 3, I, seq: false, bidir: true, seed: 123 });
      const G = layer.params[0].value.shape[0] / H;
      for (const p of layer.params) {
        const d = p.value.data;
        const base = p.name.replace(/_rev$/, '');
        if (base === 'W_ih') {
          const limit = Math.sqrt(6 / (I + G * H)); // Keras kernel [I, G*H]
          const maxAbs = Math.max(...Array.from(d, Math.abs));
          expect(maxAbs).toBeLessThanOrEqual(limit);
          expect(maxAbs).toBeGreaterThan(0.8 * limit);
        } else if (base === 'W_hh') {
          // Keras orthogonal on [H, G*H] has orthonormal rows; our transpose [G*H, H] orthonormal columns
          for (let a = 0; a < H; a++) {
            for (let b = 0; b < H; b++) {
              let s = 0;
              for (let r = 0; r < G * H; r++) s += d[r * H + a] * d[r * H + b];
              expect(s).toBeCloseTo(a === b ? 1 : 0, 10);
            }
          }
        } else if (base === 'b' && v.type === 'LSTM') {
          expect(Array.from(d)).toEqual(Array.from(d, (_, i) => (i >= H && i < 2 * H ? 1 : 0)));
        } else {
          expect(Array.from(d).every((val) => val === 0)).toBe(true);
        }
      }
    });
  }

  it('the two directions are initialized independently', () => {
    const layer = build(VARIANTS[3], { H, T: 3, I, seq: false, bidir: true });
    const w = layer.params.find((p) => p.name === 'W_ih')!.value.data;
    const wr = layer.params.find((p) => p.name === 'W_ih_rev')!.value.data;
    expect(Array.from(w)).not.toEqual(Array.from(wr));
  });

  it('the same seed gives identical parameters', () => {
    const a = build(VARIANTS[5], { H, T: 3, I, seq: false, bidir: true, seed: 99 });
    const b = build(VARIANTS[5], { H, T: 3, I, seq: false, bidir: true, seed: 99 });
    expect(a.params.map((p) => Array.from(p.value.data))).toEqual(
      b.params.map((p) => Array.from(p.value.data)),
    );
  });

  it('honours forgetBias and init overrides', () => {
    const n = node(VARIANTS[5], H, false, false);
    Object.assign(n.params, { forgetBias: 2.5, init: { kernel: 'zeros', recurrent: 'uniform', scale: 0.1 } });
    const layer = createRecurrentLayer(n, [3, I], 'float64', new Rng(1));
    const [wIh, wHh, b] = layer.params;
    expect(Array.from(wIh.value.data).every((x) => x === 0)).toBe(true);
    expect(Array.from(wHh.value.data).every((x) => Math.abs(x) <= 0.1)).toBe(true);
    expect(Array.from(wHh.value.data).some((x) => x !== 0)).toBe(true);
    expect(Array.from(b.value.data)).toEqual(
      Array.from(b.value.data, (_, i) => (i >= H && i < 2 * H ? 2.5 : 0)),
    );
  });
});
