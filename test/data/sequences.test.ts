import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../engine/data/index.ts';
import { errorOf, floatInput, idInput, row } from './helpers.ts';

describe('builtin:recall', () => {
  it('labels every sequence with its first token; later tokens are distractors', async () => {
    const d = await loadDataset(
      { id: 'builtin:recall', options: { n: 200, vocab: 10, classes: 4 } },
      idInput([35], 10),
    );
    expect(d.task).toBe('classification');
    expect(d.x.shape).toEqual([200, 35]);
    expect(d.y.shape).toEqual([200]);
    expect(d.numClasses).toBe(4);
    for (let i = 0; i < 200; i++) {
      const seq = row(d.x, i);
      expect(seq[0]).toBe(d.y.data[i]);
      for (const t of seq.slice(1)) {
        expect(t).toBeGreaterThanOrEqual(4);
        expect(t).toBeLessThan(10);
      }
    }
    expect(new Set(d.y.data).size).toBe(4);
  });

  it('with overlap, distractors come from every id, signal tokens included', async () => {
    const d = await loadDataset(
      { id: 'builtin:recall', options: { n: 200, vocab: 6, classes: 4, overlap: true } },
      idInput([30], 6),
    );
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const seq = row(d.x, i);
      expect(seq[0]).toBe(d.y.data[i]);
      expect(seq[0]).toBeLessThan(4);
      for (const t of seq.slice(1)) seen.add(t);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const same = await loadDataset(
      { id: 'builtin:recall', options: { vocab: 4, classes: 4, overlap: true } },
      idInput([30], 4),
    );
    expect(same.numClasses).toBe(4);
  });

  it('takes the length from the Input and the classes from the output', async () => {
    const d = await loadDataset({ id: 'builtin:recall', options: { n: 20 } }, idInput([12], 8, [3]));
    expect(d.x.shape).toEqual([20, 12]);
    expect(d.numClasses).toBe(3);
  });

  it('gives one-hot [N, T, V] for a float32 Input [T, V], the same data as the ids', async () => {
    const opts = { n: 30, seed: 3 };
    const ids = await loadDataset({ id: 'builtin:recall', options: opts }, idInput([20], 8));
    const hot = await loadDataset({ id: 'builtin:recall', options: opts }, floatInput([20, 8]));
    expect(hot.x.shape).toEqual([30, 20, 8]);
    expect(hot.y.data).toEqual(ids.y.data);
    for (let k = 0; k < 30 * 20; k++) {
      const v = hot.x.data.subarray(k * 8, k * 8 + 8);
      expect(Array.from(v).reduce((a, b) => a + b, 0)).toBe(1);
      expect(v[ids.x.data[k]]).toBe(1);
    }
  });

  it('is deterministic for a seed', async () => {
    const a = await loadDataset({ id: 'builtin:recall', options: { n: 50, seed: 1 } }, idInput([30], 8));
    const b = await loadDataset({ id: 'builtin:recall', options: { n: 50, seed: 1 } }, idInput([30], 8));
    expect(a.x.data).toEqual(b.x.data);
  });

  it('names both shapes when the length option and the Input disagree', async () => {
    expect(
      await errorOf(() => loadDataset({ id: 'builtin:recall', options: { length: 40 } }, idInput([30], 8))),
    ).toBe(
      "builtin:recall with length 40 gives sequences of 40 steps but the Input expects [30] (int32): make the Input's first dimension 40, or remove the length option",
    );
  });

  it('asks for a bigger Embedding when vocabSize is below the vocabulary', async () => {
    expect(
      await errorOf(() => loadDataset({ id: 'builtin:recall', options: { vocab: 12 } }, idInput([30], 10))),
    ).toBe(
      "builtin:recall uses 12 token ids but the Embedding's vocabSize is 10: raise vocabSize to at least 12",
    );
  });

  it('names both shapes for a float Input of the wrong rank', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:recall' }, floatInput([30])))).toBe(
      'builtin:recall gives sequences of one-hot vectors of shape [30, 8] (a vocabulary of 8) but the Input expects [30] (float32): use a float32 Input [30, 8], or an int32 Input [30] followed by an Embedding',
    );
  });

  it('needs room for distractors', async () => {
    expect(
      await errorOf(() =>
        loadDataset({ id: 'builtin:recall', options: { vocab: 4, classes: 4 } }, idInput([30], 8)),
      ),
    ).toMatch(/vocab \(4\) must be larger than classes \(4\)/);
  });
});

describe('builtin:adding', () => {
  it('has exactly two markers, one in each half, and y is the sum of their values', async () => {
    const d = await loadDataset({ id: 'builtin:adding', options: { n: 100 } }, floatInput([20, 2], [1]));
    expect(d.task).toBe('regression');
    expect(d.x.shape).toEqual([100, 20, 2]);
    expect(d.y.shape).toEqual([100, 1]);
    for (let i = 0; i < 100; i++) {
      const seq = row(d.x, i);
      const marked = [];
      for (let t = 0; t < 20; t++) {
        expect(seq[2 * t]).toBeGreaterThanOrEqual(0);
        expect(seq[2 * t]).toBeLessThan(1);
        if (seq[2 * t + 1] === 1) marked.push(t);
        else expect(seq[2 * t + 1]).toBe(0);
      }
      expect(marked.length).toBe(2);
      expect(marked[0]).toBeLessThan(10);
      expect(marked[1]).toBeGreaterThanOrEqual(10);
      expect(d.y.data[i]).toBeCloseTo(seq[2 * marked[0]] + seq[2 * marked[1]], 5);
    }
  });

  it('names both shapes when the Input is not [T, 2] float32', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:adding' }, idInput([30], 10)))).toBe(
      'builtin:adding gives sequences of shape [30, 2] (float32: value, marker) but the Input expects [30] (int32): set the Input to [30, 2] float32',
    );
  });

  it('wants a single output number', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:adding' }, floatInput([30, 2], [2])))).toBe(
      "builtin:adding has targets of shape [1] but the model's output is [2]: end with Dense(1) (no activation) for this regression",
    );
  });
});
