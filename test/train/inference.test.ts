import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random.ts';
import {
  classifyText,
  decisionGrid,
  encode,
  type InferenceModel,
  nextTokenProbs,
  predict,
  sampleIndex,
  topKNext,
} from '../../engine/train/inference.ts';
import type { Tensor } from '../../engine/tensor.ts';

/** A fake language model over a 4-token vocabulary: the next token after id k is k+1 (mod 4), p = 0.7. */
function countingLm(t: number): InferenceModel & { seen: Tensor[] } {
  const seen: Tensor[] = [];
  return {
    dtype: 'float32',
    inputShape: [t],
    outputShape: [t, 4],
    seen,
    forward(x: Tensor) {
      seen.push({ shape: x.shape, data: x.data.slice() });
      const out = new Float32Array(x.shape[0] * t * 4);
      for (let i = 0; i < x.shape[0] * t; i++) {
        const next = (x.data[i] + 1) % 4;
        for (let k = 0; k < 4; k++) out[i * 4 + k] = k === next ? 0.7 : 0.1;
      }
      return { shape: [x.shape[0], t, 4], data: out };
    },
  };
}

const voc = { vocab: ['.', 'a', 'b', 'c'], tokenizer: 'char' as const };

describe('language model inference', () => {
  it('encodes characters through the vocabulary, dropping unknown ones', () => {
    expect(encode('abz.', voc)).toEqual([1, 2, 0]);
  });

  it('reads the next-token distribution at the last prefix position', () => {
    const m = countingLm(5);
    const p = nextTokenProbs(m, [1, 2]);
    expect(Array.from(p)).toEqual([0.1, 0.1, 0.1, 0.7].map((v) => Math.fround(v)));
    expect(Array.from(m.seen[0].data)).toEqual([1, 2, 0, 0, 0]);
  });

  it('keeps the last T tokens of a long prefix', () => {
    const m = countingLm(2);
    nextTokenProbs(m, [1, 2, 3]);
    expect(Array.from(m.seen[0].data)).toEqual([2, 3]);
  });

  it('lists the top-k next tokens, most likely first (the lecture table)', () => {
    const top = topKNext(countingLm(4), voc, 'ab', 2);
    expect(top.map((r) => r.token)).toEqual(['c', '.']);
    expect(top[0].prob).toBeCloseTo(0.7, 6);
  });

  it('temperature: near 0 picks the argmax, high flattens towards uniform', () => {
    const p = [0.1, 0.6, 0.3];
    const rng = new Rng(5);
    expect(sampleIndex(p, 0, rng)).toBe(1);
    const count = (temp: number) => {
      const r = new Rng(9);
      let ones = 0;
      for (let i = 0; i < 3000; i++) if (sampleIndex(p, temp, r) === 1) ones++;
      return ones / 3000;
    };
    expect(count(0.05)).toBeGreaterThan(0.99);
    expect(count(1)).toBeGreaterThan(0.55);
    expect(count(1)).toBeLessThan(0.65);
    expect(count(100)).toBeLessThan(0.4);
  });
});

describe('classifier inference', () => {
  it('predict copies the output out of the model buffers', () => {
    const buf = new Float32Array(2);
    const m: InferenceModel = {
      dtype: 'float32',
      inputShape: [1],
      outputShape: [1],
      forward: (x) => {
        buf[0] = x.data[0] * 2;
        buf[1] = x.data[1] * 2;
        return { shape: [2, 1], data: buf };
      },
    };
    const y = predict(m, { shape: [2, 1], data: new Float32Array([1, 2]) });
    buf.fill(0);
    expect(Array.from(y.data)).toEqual([2, 4]);
  });

  it('decision grid: cell centres row by row from the lowest y, K values each', () => {
    const m: InferenceModel = {
      dtype: 'float32',
      inputShape: [2],
      outputShape: [2],
      forward: (x) => {
        const out = new Float32Array(x.shape[0] * 2);
        for (let i = 0; i < x.shape[0]; i++) {
          const right = x.data[2 * i] > 0 ? 1 : 0;
          out[2 * i] = 1 - right;
          out[2 * i + 1] = right;
        }
        return { shape: [x.shape[0], 2], data: out };
      },
    };
    const g = decisionGrid(m, [-1, 1], [-1, 1], 4);
    expect(g.classes).toBe(2);
    expect(g.probs).toHaveLength(32);
    // row 0: columns at x = -0.75, -0.25, 0.25, 0.75 -> class 1 on the right half
    expect(Array.from(g.probs.slice(0, 8))).toEqual([1, 0, 1, 0, 0, 1, 0, 1]);
  });

  it('text classification encodes words like the datasets: lower case, <unk>, padded in front', () => {
    let seen: number[] = [];
    const m: InferenceModel = {
      dtype: 'float32',
      inputShape: [4],
      outputShape: [1],
      forward: (x) => {
        seen = Array.from(x.data);
        return { shape: [1, 1], data: new Float32Array([0.25]) };
      },
    };
    const p = classifyText(
      m,
      { vocab: ['<pad>', '<unk>', 'free', 'money'], tokenizer: 'word' },
      'FREE cash!',
    );
    expect(p).toEqual([0.25]);
    expect(seen).toEqual([0, 0, 2, 1]);
  });
});
