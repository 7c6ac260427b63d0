import { describe, expect, it } from 'vitest';
import names from '../../engine/data/assets/names.ts';
import { loadDataset, PAD_ID, UNK_ID } from '../../engine/data/index.ts';
import { errorOf, floatInput, idInput, row } from './helpers.ts';

const decode = (ids: number[], vocab: string[]) => ids.map((i) => vocab[i]).join('');

describe('builtin:names', () => {
  it('packs names with "." (id 0) between them; y is x shifted by one', async () => {
    const d = await loadDataset({ id: 'builtin:names' }, idInput([16], 27));
    expect(d.task).toBe('language-model');
    expect(d.tokenizer).toBe('char');
    expect(d.vocab).toEqual(['.', ...'abcdefghijklmnopqrstuvwxyz']);
    expect(d.x.shape[1]).toBe(16);
    expect(d.y.shape).toEqual(d.x.shape);
    const n = d.x.shape[0];
    expect(n).toBeGreaterThan(3000);
    for (let i = 0; i < n; i++) {
      const x = row(d.x, i);
      const y = row(d.y, i);
      expect(x.slice(1)).toEqual(y.slice(0, 15));
      // windows are consecutive: this window's last target is the next window's first input
      if (i + 1 < n) expect(y[15]).toBe(d.x.data[(i + 1) * 16]);
    }
    const known = new Set(names.split('\n'));
    const text = decode(Array.from(d.x.data), d.vocab!);
    const inner = text.split('.').slice(1, -1); // the ends may be cut by the windowing
    expect(inner.length).toBeGreaterThan(1000);
    for (const name of inner) expect(known.has(name)).toBe(true);
  });

  it('the order of names follows the seed', async () => {
    const a = await loadDataset({ id: 'builtin:names', options: { seed: 1 } }, idInput([16], 27));
    const b = await loadDataset({ id: 'builtin:names', options: { seed: 2 } }, idInput([16], 27));
    const c = await loadDataset({ id: 'builtin:names', options: { seed: 1 } }, idInput([16], 27));
    expect(a.x.data).toEqual(c.x.data);
    expect(a.x.data).not.toEqual(b.x.data);
  });

  it('asks for vocabSize >= 27 when the Embedding is smaller', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:names' }, idInput([16], 20)))).toBe(
      "builtin:names uses 27 token ids but the Embedding's vocabSize is 20: raise vocabSize to at least 27",
    );
  });

  it('gives one-hot vectors for a float Input [T, 27] and checks the output [T, 27]', async () => {
    const d = await loadDataset({ id: 'builtin:names', options: { n: 10 } }, floatInput([8, 27], [8, 27]));
    expect(d.x.shape).toEqual([10, 8, 27]);
    expect(await errorOf(() => loadDataset({ id: 'builtin:names' }, floatInput([8, 27], [27])))).toBe(
      "builtin:names predicts the next token at every step, targets [8] over 27 tokens, but the model's output is [27]: it should be [8, 27] (return sequences from the recurrent layer, then Dense(27) and a Softmax)",
    );
  });
});

describe('builtin:text', () => {
  it('cuts Moby-Dick into next-character windows with a lowercase vocabulary', async () => {
    const d = await loadDataset({ id: 'builtin:text' }, idInput([64], 64));
    expect(d.task).toBe('language-model');
    expect(d.vocab!.some((c) => c >= 'A' && c <= 'Z')).toBe(false);
    expect(decode(row(d.x, 0), d.vocab!)).toMatch(/^chapter 1\. loomings\.\n\ncall me ishmael/);
    expect(row(d.x, 0).slice(1)).toEqual(row(d.y, 0).slice(0, 63));
  });

  it('keeps capitals when asked, and overlapping windows with a stride', async () => {
    const d = await loadDataset(
      { id: 'builtin:text', options: { lowercase: false, stride: 8, n: 5 } },
      idInput([32], 100),
    );
    expect(d.x.shape).toEqual([5, 32]);
    expect(decode(row(d.x, 1), d.vocab!)).toBe(
      decode(row(d.x, 0), d.vocab!).slice(8) + decode(row(d.x, 1), d.vocab!).slice(24),
    );
    expect(decode(row(d.x, 0), d.vocab!).startsWith('CHAPTER 1')).toBe(true);
  });
});

describe('builtin:spam', () => {
  it('gives word ids padded in front, y [N, 1] 0/1, both classes present', async () => {
    const d = await loadDataset({ id: 'builtin:spam' }, idInput([40], 2000));
    expect(d.task).toBe('binary');
    expect(d.tokenizer).toBe('word');
    expect(d.x.shape).toEqual([1189, 40]);
    expect(d.y.shape).toEqual([1189, 1]);
    expect(d.classNames).toEqual(['ham', 'spam']);
    const spam = Array.from(d.y.data).filter((v) => v === 1).length;
    expect(spam).toBeGreaterThan(500);
    expect(spam).toBeLessThan(700);
    expect(d.vocab!.slice(0, 2)).toEqual(['<pad>', '<unk>']);
    for (let i = 0; i < 1189; i++) {
      const r = row(d.x, i);
      const firstWord = r.findIndex((t) => t !== PAD_ID);
      // padding only in front
      expect(r.slice(firstWord).includes(PAD_ID)).toBe(false);
    }
  });

  it('caps the vocabulary at the Embedding vocabSize; rarer words become <unk>', async () => {
    const d = await loadDataset({ id: 'builtin:spam' }, idInput([40], 50));
    expect(d.vocab!.length).toBe(50);
    let max = 0;
    let unk = 0;
    for (const v of d.x.data) {
      max = Math.max(max, v);
      if (v === UNK_ID) unk++;
    }
    expect(max).toBe(49);
    expect(unk).toBeGreaterThan(1000);
    // the kept words are the most frequent: "the" must be among them
    expect(d.vocab).toContain('the');
  });

  it('gives class ids [N] for a 2-unit Softmax output', async () => {
    const d = await loadDataset({ id: 'builtin:spam', options: { n: 100 } }, idInput([20], 500, [2]));
    expect(d.task).toBe('classification');
    expect(d.y.shape).toEqual([100]);
  });

  it('refuses a one-hot input too big for a browser tab, naming the way out', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:spam' }, floatInput([200, 20000])))).toMatch(
      /^builtin:spam as one-hot vectors would be \[1189, 200, 20000\] .* use an int32 Input \[200\] followed by an Embedding$/,
    );
  });

  it('fits a small one-hot Input: the one-hot width caps the vocabulary', async () => {
    const d = await loadDataset({ id: 'builtin:spam', options: { n: 50 } }, floatInput([10, 30]));
    expect(d.x.shape).toEqual([50, 10, 30]);
    expect(d.vocab!.length).toBe(30);
  });
});
