// Dropout: inverted dropout in train mode, the identity in eval mode, masks a pure function of
// (seed, step). Finite differences run in train mode with a fixed step, so every forward of the
// check sees the same mask.
import { describe, expect, it } from 'vitest';
import { DropoutLayer } from '../../../engine/layers/dropout.ts';
import { Rng } from '../../../engine/random.ts';
import { checkLayer, randTensor } from '../gradcheck.ts';
import { expectAllBelow } from './helpers.ts';

const TRAIN = { instrument: false, training: true, step: 5 };
const EVAL = { instrument: false };

function dropout(rate: number, seed = 3, shape = [6]) {
  return new DropoutLayer('drop', shape, rate, 'float64', new Rng(seed));
}

describe('Dropout', () => {
  it('backward matches finite differences in train mode (rate 0.4, [B, F] and [B, T, F])', () => {
    expectAllBelow(checkLayer(dropout(0.4), [randTensor([5, 6], new Rng(1))], 7, TRAIN), ['input0']);
    const seq = dropout(0.4, 3, [3, 4]);
    expectAllBelow(checkLayer(seq, [randTensor([2, 3, 4], new Rng(2))], 7, TRAIN), ['input0']);
  });

  it('drops about `rate` of the elements and scales the kept ones by 1 / (1 - rate)', () => {
    const layer = dropout(0.3, 9, [100]);
    const x = { shape: [100, 100], data: new Float64Array(10000).fill(2) };
    const y = layer.forward([x], TRAIN).data;
    const dropped = y.filter((v) => v === 0).length;
    expect(dropped / y.length).toBeGreaterThan(0.28);
    expect(dropped / y.length).toBeLessThan(0.32);
    expect(y.every((v) => v === 0 || Math.abs(v - 2 / 0.7) < 1e-12)).toBe(true);
  });

  it('is the identity in eval mode (forward and backward), and with rate 0 in train mode', () => {
    const x = randTensor([4, 6], new Rng(4));
    const layer = dropout(0.5);
    expect(layer.forward([x], EVAL)).toBe(x);
    const g = randTensor([4, 6], new Rng(5));
    expect(layer.backward(g, EVAL)[0]).toBe(g);
    expect(Array.from(dropout(0).forward([x], TRAIN).data)).toEqual(Array.from(x.data));
  });

  it('draws the same mask for the same seed and step, another for another step or seed', () => {
    const x = { shape: [2, 50], data: new Float64Array(100).fill(1) };
    const mask = (seed: number, step: number) =>
      Array.from(
        new DropoutLayer('d', [50], 0.5, 'float64', new Rng(seed)).forward([x], { ...TRAIN, step }).data,
      );
    expect(mask(1, 3)).toEqual(mask(1, 3));
    expect(mask(1, 3)).not.toEqual(mask(1, 4));
    expect(mask(1, 3)).not.toEqual(mask(2, 3));
  });

  it('refuses a rate outside [0, 1) with the node id', () => {
    expect(() => dropout(1)).toThrow("Dropout 'drop': rate must be at least 0 and below 1, got 1");
    expect(() => dropout(-0.1)).toThrow('got -0.1');
  });
});
