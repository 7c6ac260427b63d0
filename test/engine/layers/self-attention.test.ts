// SelfAttention: finite differences for every variant (causal or not, every step or the last),
// the causal property, the attention weights it records, and its per-position gradient norms.
import { describe, expect, it } from 'vitest';
import { SelfAttentionLayer } from '../../../engine/layers/self-attention.ts';
import { Rng } from '../../../engine/random.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { checkLayer, randTensor } from '../gradcheck.ts';
import { expectAllBelow, randomizeParams } from './helpers.ts';

const OFF = { instrument: false };
const ON = { instrument: true };

function attention(causal: boolean, returnSequences: boolean, T = 5, D = 3, units = 4) {
  const layer = new SelfAttentionLayer(
    'att',
    [T, D],
    { units, causal, returnSequences },
    'float64',
    new Rng(1),
  );
  randomizeParams(layer, 2);
  return layer;
}

describe('SelfAttention', () => {
  for (const causal of [true, false]) {
    for (const seq of [true, false]) {
      it(`backward matches finite differences (${causal ? 'causal' : 'full'}, ${seq ? 'every step' : 'last step'})`, () => {
        const layer = attention(causal, seq);
        expect(layer.outputShape).toEqual(seq ? [5, 4] : [4]);
        expectAllBelow(checkLayer(layer, [randTensor([2, 5, 3], new Rng(3))]), [
          'input0',
          'W_qkv',
          'b_qkv',
          'W_o',
          'b_o',
        ]);
      });
    }
  }

  it('causal: the output at step t does not depend on later steps', () => {
    const layer = attention(true, true);
    const x = randTensor([1, 5, 3], new Rng(4));
    const before = Float64Array.from(layer.forward([x], OFF).data);
    x.data[4 * 3 + 1] += 1; // change step 5 only
    const after = layer.forward([x], OFF).data;
    expect(Array.from(after.subarray(0, 16))).toEqual(Array.from(before.subarray(0, 16)));
    expect(after[16]).not.toBe(before[16]);
  });

  it('records the attention weights of the last forward: rows sum to 1, zero above the diagonal when causal', () => {
    const layer = attention(true, false);
    expect(layer.attentionWeights()).toBeNull();
    layer.forward([randTensor([2, 5, 3], new Rng(5))], OFF);
    const a = layer.attentionWeights()!;
    expect(a.shape).toEqual([2, 5, 5]);
    for (let r = 0; r < 10; r++) {
      const row = Array.from(a.data.subarray(r * 5, r * 5 + 5));
      expect(row.reduce((s, v) => s + v)).toBeCloseTo(1, 12);
      const i = r % 5;
      expect(row.slice(i + 1).every((v) => v === 0)).toBe(true);
      expect(row.slice(0, i + 1).every((v) => v > 0)).toBe(true);
    }
  });

  it('reports ||dL/dx_t|| per position after an instrumented backward only', () => {
    const layer = attention(false, false);
    const x = randTensor([2, 5, 3], new Rng(6));
    layer.forward([x], OFF);
    const up: Tensor = randTensor([2, 4], new Rng(7));
    const [dx] = layer.backward(up, ON);
    const norms = layer.timestepGradNorms()!;
    expect(norms).toHaveLength(5);
    for (let t = 0; t < 5; t++) {
      let s = 0;
      for (let b = 0; b < 2; b++) for (let j = 0; j < 3; j++) s += dx!.data[(b * 5 + t) * 3 + j] ** 2;
      expect(norms[t]).toBeCloseTo(Math.sqrt(s), 12);
    }
    layer.backward(up, OFF);
    expect(layer.timestepGradNorms()).toBeNull();
  });

  it('works on sequences shorter than declared, and refuses a wrong feature size with the node id', () => {
    const layer = attention(true, true);
    expect(layer.forward([randTensor([2, 3, 3], new Rng(8))], OFF).shape).toEqual([2, 3, 4]);
    expect(() => layer.forward([randTensor([2, 5, 2], new Rng(8))], OFF)).toThrow(
      "SelfAttention 'att' expects a sequence [batch, steps, 3], got [2, 5, 2]",
    );
  });
});
