// Sampling excludes only tokens that are padding by construction and stops at the data's end marker:
// for character models id 0 is a real character ("." between names, "\n" in builtin:text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../app/worker/api.ts';
import { loadDataset } from '../../engine/data/index.ts';
import { Rng } from '../../engine/random.ts';
import type { Tensor } from '../../engine/tensor.ts';
import { type InferenceModel, sample, topKNext } from '../../engine/train/inference.ts';
import type { Graph } from '../../graph-schema/schema.ts';

/** A fake LM over `k` tokens that always gives probability `p0` to id 0 and shares the rest. */
function favouring0(k: number, p0: number, t = 8): InferenceModel & { seen: number[][] } {
  const seen: number[][] = [];
  return {
    dtype: 'float64',
    inputShape: [t],
    outputShape: [t, k],
    seen,
    forward(x: Tensor) {
      seen.push(Array.from(x.data));
      const out = new Float64Array(t * k);
      for (let i = 0; i < t; i++)
        for (let j = 0; j < k; j++) out[i * k + j] = j === 0 ? p0 : (1 - p0) / (k - 1);
      return { shape: [1, t, k], data: out };
    },
  };
}

describe('sampling: padding and end markers come from the data', () => {
  it('a character vocabulary without an end marker can generate id 0 (a newline is a character)', () => {
    const voc = { vocab: ['\n', 'a', 'b'], tokenizer: 'char' as const };
    const text = sample(favouring0(3, 0.98), voc, 'ab', 10, 1, new Rng(1));
    expect(text).toMatch(/\n/);
    expect(text.length).toBe(10);
  });

  it('stops at the end marker and reads the prefix as the start of a new item', () => {
    const voc = { vocab: ['.', 'a', 'b'], tokenizer: 'char' as const, endToken: '.' };
    const m = favouring0(3, 0.5);
    const out = [1, 2, 3, 4, 5, 6].map((s) => sample(m, voc, 'ab', 40, 1, new Rng(s)));
    for (const name of out) expect(name).not.toContain('.');
    expect(Math.max(...out.map((n) => n.length))).toBeLessThan(40);
    expect(m.seen[0].slice(0, 3)).toEqual([0, 1, 2]); // ".ab": the marker in front, as in training
    // an empty prefix is the start of a name, not an error
    expect(() => sample(m, voc, '', 5, 1, new Rng(1))).not.toThrow();
    expect(topKNext(m, voc, '', 1)[0].token).toBe('.');
  });

  it('word vocabularies never generate their padding id', () => {
    const voc = { vocab: ['<pad>', '<unk>', 'hi'], tokenizer: 'word' as const, padId: 0 };
    const text = sample(favouring0(3, 0.98), voc, 'hi', 8, 1, new Rng(2));
    expect(text).not.toContain('<pad>');
  });

  it('the datasets say what is padding and where items end', async () => {
    const names = await loadDataset({ id: 'builtin:names' }, { shape: [16], dtype: 'int32', vocabSize: 32 });
    expect(names.endToken).toBe('.');
    expect(names.padId).toBeUndefined();
    const text = await loadDataset({ id: 'builtin:text' }, { shape: [64], dtype: 'int32', vocabSize: 100 });
    expect(text.vocab?.[0]).toBe('\n');
    expect(text.padId).toBeUndefined();
    const spam = await loadDataset({ id: 'builtin:spam' }, { shape: [40], dtype: 'int32', vocabSize: 5000 });
    expect(spam.padId).toBe(0);
  });

  it('the app worker: Sample on the names LSTM ends names at "."', async () => {
    const g: Graph = JSON.parse(
      readFileSync(new URL('../../examples/char-lstm-names.json', import.meta.url), 'utf8'),
    );
    const api = createWorkerApi();
    const r = await api.load(g, { kind: 'builtin' }, () => {});
    expect(r.ok).toBe(true);
    for (let i = 0; i < 40; i++) api.stepOnce();
    const names = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => api.sample('', 40, 1, seed));
    for (const n of names) expect(n).not.toContain('.');
    // "." is about one character in seven of the training stream: names end well before 40
    expect(names.filter((n) => n.length < 40).length).toBeGreaterThanOrEqual(6);
  });
});
