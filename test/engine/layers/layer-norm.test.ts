// LayerNorm over the last axis: finite differences for x, gamma and beta; the normalized rows.
import { describe, expect, it } from 'vitest';
import { LayerNormLayer } from '../../../engine/layers/layer-norm.ts';
import { Rng } from '../../../engine/random.ts';
import { checkLayer, randTensor } from '../gradcheck.ts';
import { expectAllBelow, randomizeParams } from './helpers.ts';

describe('LayerNorm', () => {
  for (const shape of [[5], [3, 5]]) {
    it(`backward matches finite differences on [B, ${shape.join(', ')}]`, () => {
      const layer = new LayerNormLayer('ln', shape, 1e-5, 'float64');
      randomizeParams(layer, 2);
      const x = randTensor([4, ...shape], new Rng(1), 2);
      expectAllBelow(checkLayer(layer, [x]), ['input0', 'gamma', 'beta']);
    });
  }

  it('starts as gamma = 1, beta = 0: every row of the output has mean 0 and variance 1/(1 + eps/var)', () => {
    const layer = new LayerNormLayer('ln', [8], 1e-5, 'float64');
    expect(layer.params.map((p) => [p.name, p.value.shape])).toEqual([
      ['gamma', [8]],
      ['beta', [8]],
    ]);
    const x = randTensor([3, 8], new Rng(3), 5);
    const y = layer.forward([x], { instrument: false }).data;
    for (let r = 0; r < 3; r++) {
      const row = Array.from(y.subarray(r * 8, r * 8 + 8));
      const mean = row.reduce((a, b) => a + b) / 8;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / 8;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      expect(variance).toBeGreaterThan(0.9999);
      expect(variance).toBeLessThan(1);
    }
  });

  it('keeps a constant row finite (variance 0: eps keeps the division safe)', () => {
    const layer = new LayerNormLayer('ln', [4], 1e-5, 'float32');
    const y = layer.forward([{ shape: [1, 4], data: new Float32Array(4).fill(7) }], { instrument: false });
    expect(Array.from(y.data)).toEqual([0, 0, 0, 0]);
  });
});
