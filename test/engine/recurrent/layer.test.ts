// The recurrent Layer as the model uses it: output shapes, buffer reuse across batch sizes and
// lengths, float32 against float64, saturation, and the messages a student sees.
import { describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../engine/layers/recurrent/index.ts';
import { Rng } from '../../../engine/random.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { build, node, randomTensor, VARIANTS } from './helpers.ts';

const OFF = { instrument: false };
const ON = { instrument: true };

/** Rows [b0, b0 + n) of a batch-first tensor. */
function rows(t: Tensor, b0: number, n: number): number[] {
  const per = t.data.length / t.shape[0];
  return Array.from(t.data.subarray(b0 * per, (b0 + n) * per));
}

describe('output shapes', () => {
  it('follow returnSequences and bidirectional', () => {
    const x = randomTensor([2, 6, 3], new Rng(1));
    for (const [seq, bidir, shape, out] of [
      [true, false, [6, 4], [2, 6, 4]],
      [false, false, [4], [2, 4]],
      [true, true, [6, 8], [2, 6, 8]],
      [false, true, [8], [2, 8]],
    ] as const) {
      const layer = build(VARIANTS[6], { H: 4, T: 6, I: 3, seq, bidir });
      expect(layer.outputShape).toEqual(shape);
      expect(layer.forward([x], OFF).shape).toEqual(out);
    }
  });

  it('bidirectional last output = [forward h at t = T, backward h at t = 1]', () => {
    const x = randomTensor([2, 5, 3], new Rng(8));
    const seqLayer = build(VARIANTS[3], { H: 4, T: 5, I: 3, seq: true, bidir: true, seed: 2 });
    const lastLayer = build(VARIANTS[3], { H: 4, T: 5, I: 3, seq: false, bidir: true, seed: 2 });
    const ys = seqLayer.forward([x], OFF);
    const yl = lastLayer.forward([x], OFF);
    for (let b = 0; b < 2; b++) {
      for (let j = 0; j < 4; j++) {
        expect(yl.data[b * 8 + j]).toBe(ys.data[(b * 5 + 4) * 8 + j]);
        expect(yl.data[b * 8 + 4 + j]).toBe(ys.data[(b * 5 + 0) * 8 + 4 + j]);
      }
    }
  });
});

describe('buffers are reused safely', () => {
  for (const v of VARIANTS) {
    it(`${v.label}: a smaller batch after a larger one gives the same rows`, () => {
      const rng = new Rng(4);
      const layer = build(v, { H: 3, T: 4, I: 2, seq: true, bidir: true });
      const x3 = randomTensor([3, 4, 2], rng);
      const y3 = rows(layer.forward([x3], OFF), 0, 3);
      const x2 = { shape: [2, 4, 2], data: x3.data.slice(0, 16) };
      const y2 = rows(layer.forward([x2], OFF), 0, 2);
      expect(y2).toEqual(y3.slice(0, y2.length));
      expect(rows(layer.forward([x3], OFF), 0, 3)).toEqual(y3);
    });

    it(`${v.label}: gradients of a smaller batch after a larger one equal a fresh layer's`, () => {
      const rng = new Rng(5);
      const used = build(v, { H: 3, T: 4, I: 2, seq: false, bidir: true, seed: 8 });
      const fresh = build(v, { H: 3, T: 4, I: 2, seq: false, bidir: true, seed: 8 });
      used.forward([randomTensor([5, 6, 2], rng)], ON);
      used.backward(randomTensor([5, 6], rng), ON);
      const x = randomTensor([2, 4, 2], rng);
      const dy = randomTensor([2, 6], rng);
      for (const l of [used, fresh]) {
        for (const p of l.params) p.grad.data.fill(0);
        l.forward([x], ON);
      }
      expect(Array.from(used.backward(dy, ON)[0]!.data)).toEqual(Array.from(fresh.backward(dy, ON)[0]!.data));
      expect(used.params.map((p) => Array.from(p.grad.data))).toEqual(
        fresh.params.map((p) => Array.from(p.grad.data)),
      );
      expect(used.timestepGradNorms()).toEqual(fresh.timestepGradNorms());
      expect(used.saturation()).toEqual(fresh.saturation());
    });
  }

  it('accepts a sequence longer than declared; a forward layer is causal', () => {
    const rng = new Rng(6);
    const layer = build(VARIANTS[4], { H: 3, T: 4, I: 2, seq: true, bidir: false });
    const x6 = randomTensor([2, 6, 2], rng);
    const y6 = Array.from(layer.forward([x6], OFF).data);
    const x4 = { shape: [2, 4, 2], data: new Float64Array(16) };
    for (let b = 0; b < 2; b++) x4.data.set(x6.data.subarray(b * 12, b * 12 + 8), b * 8);
    const y4 = layer.forward([x4], OFF);
    for (let b = 0; b < 2; b++) {
      expect(Array.from(y4.data.subarray(b * 12, b * 12 + 12))).toEqual(y6.slice(b * 18, b * 18 + 12));
    }
  });
});

describe('float32 agrees with float64', () => {
  for (const v of VARIANTS) {
    it(v.label, () => {
      const rng = new Rng(10);
      const opts = { H: 16, T: 12, I: 8, seq: true, bidir: true, seed: 3 };
      const l64 = build(v, { ...opts, dtype: 'float64' });
      const l32 = build(v, { ...opts, dtype: 'float32' });
      l32.params.forEach((p, i) => {
        p.value.data.set(l64.params[i].value.data);
      });
      const x = randomTensor([4, 12, 8], rng);
      const x32 = { shape: x.shape, data: Float32Array.from(x.data) };
      const U = randomTensor([4, 12, 32], rng);
      const U32 = { shape: U.shape, data: Float32Array.from(U.data) };
      const y64 = l64.forward([x], OFF).data;
      const y32 = l32.forward([x32], OFF).data;
      expect(y32).toBeInstanceOf(Float32Array);
      for (let i = 0; i < y64.length; i++) expect(Math.abs(y32[i] - y64[i])).toBeLessThan(1e-5);
      const d64 = l64.backward(U, OFF)[0]!.data;
      const d32 = l32.backward(U32, OFF)[0]!.data;
      for (let i = 0; i < d64.length; i++) expect(Math.abs(d32[i] - d64[i])).toBeLessThan(1e-4);
    });
  }
});

describe('saturation: share of gate values on a flat end (derivative below 10% of its maximum)', () => {
  const x = randomTensor([2, 3, 2], new Rng(1));
  const zeroed = (v: (typeof VARIANTS)[number]) => {
    const layer = build(v, { H: 4, T: 3, I: 2, seq: false, bidir: false });
    for (const p of layer.params) p.value.data.fill(0);
    return layer;
  };

  it('is null without instrumentation and for a relu RNN', () => {
    const tanh = zeroed(VARIANTS[0]);
    tanh.forward([x], OFF);
    expect(tanh.saturation()).toBeNull();
    const relu = zeroed(VARIANTS[1]);
    relu.forward([x], ON);
    expect(relu.saturation()).toBeNull();
  });

  it('zero weights saturate nothing; a huge input weight saturates every tanh unit', () => {
    const layer = zeroed(VARIANTS[0]);
    layer.forward([x], ON);
    expect(layer.saturation()).toBe(0);
    layer.params[0].value.data.fill(0);
    layer.params[2].value.data.fill(50); // bias 50: tanh(50) = 1 everywhere
    layer.forward([x], ON);
    expect(layer.saturation()).toBe(1);
  });

  it('an LSTM with only its forget gate pinned open is one quarter saturated', () => {
    const layer = zeroed(VARIANTS[3]);
    layer.params[2].value.data.fill(10, 4, 8); // f = σ(10) ≈ 1 (flat end); i = o = 0.5, g = 0
    layer.forward([x], ON);
    expect(layer.saturation()).toBe(0.25);
  });

  it('a GRU with its reset gate shut is one third saturated', () => {
    const layer = zeroed(VARIANTS[6]);
    layer.params[3].value.data.fill(-10, 0, 4); // b_hh of r: r = σ(-10) ≈ 0 (flat end); z = 0.5, n = 0
    layer.forward([x], ON);
    expect(layer.saturation()).toBeCloseTo(1 / 3, 12);
  });
});

describe('messages for a student', () => {
  it('names the node and the shapes when the input does not fit', () => {
    const layer = build(VARIANTS[3], { H: 4, T: 5, I: 3, seq: false, bidir: false });
    expect(() => layer.forward([randomTensor([2, 5, 7], new Rng(1))], OFF)).toThrow(
      'LSTM "rec" expects a sequence [batch, steps, 3], got [2, 5, 7]',
    );
  });

  it('asks for a sequence when built on a flat input', () => {
    expect(() =>
      createRecurrentLayer(node(VARIANTS[6], 4, false, false), [10], 'float32', new Rng(1)),
    ).toThrow(
      'GRU "rec" needs a sequence input [steps, features], got [10] (put an Embedding before it, or give the Input two dimensions)',
    );
  });

  it('refuses backward before forward', () => {
    const layer = build(VARIANTS[0], { H: 4, T: 5, I: 3, seq: false, bidir: false });
    expect(() => layer.backward(randomTensor([2, 4], new Rng(1)), OFF)).toThrow(
      'RNN "rec": backward called before forward',
    );
  });

  it('refuses a gradient of the wrong size', () => {
    const layer = build(VARIANTS[0], { H: 4, T: 5, I: 3, seq: false, bidir: false });
    layer.forward([randomTensor([2, 5, 3], new Rng(1))], OFF);
    expect(() => layer.backward(randomTensor([2, 5, 4], new Rng(1)), OFF)).toThrow(
      'RNN "rec": gradient has 40 values, the output has 8',
    );
  });
});
