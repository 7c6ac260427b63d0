import { describe, expect, it } from 'vitest';
import { BatchSource, splitIndices, stepsPerEpoch } from '../../engine/train/batching.ts';
import { Rng } from '../../engine/random.ts';
import { fromArray } from '../../engine/tensor.ts';

describe('splitIndices', () => {
  it('holds out round(n * fraction) rows, disjoint from training, covering every row', () => {
    const s = splitIndices(50, 0.1, new Rng(1));
    expect(s.val.length).toBe(5);
    expect(s.train.length).toBe(45);
    const all = new Set([...s.val, ...s.train]);
    expect(all.size).toBe(50);
  });

  it('is the same for the same seed and differs for another seed', () => {
    const a = splitIndices(100, 0.2, new Rng(7));
    const b = splitIndices(100, 0.2, new Rng(7));
    const c = splitIndices(100, 0.2, new Rng(8));
    expect([...a.val]).toEqual([...b.val]);
    expect([...a.val]).not.toEqual([...c.val]);
  });

  it('keeps at least one training row and allows no validation', () => {
    expect(splitIndices(1, 0.5, new Rng(1)).train.length).toBe(1);
    expect(splitIndices(10, 0, new Rng(1)).val.length).toBe(0);
  });
});

describe('batch modes', () => {
  it('counts steps per epoch for stochastic, mini-batch and full-batch descent', () => {
    expect(stepsPerEpoch(1, 90)).toBe(90);
    expect(stepsPerEpoch(32, 90)).toBe(3);
    expect(stepsPerEpoch('full', 90)).toBe(1);
    expect(stepsPerEpoch(500, 90)).toBe(1);
  });

  it('visits every row exactly once per epoch, the last batch partial', () => {
    const n = 10;
    const x = fromArray(
      [n, 2],
      Array.from({ length: 2 * n }, (_, i) => i),
    );
    const y = fromArray(
      [n],
      Array.from({ length: n }, (_, i) => i),
    );
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const src = new BatchSource(x, y, rows, 4, 'float32');
    src.shuffle(new Rng(3));
    const seen: number[] = [];
    const sizes: number[] = [];
    for (let k = 0; k < src.stepsPerEpoch; k++) {
      const b = src.batch(k);
      sizes.push(b.size);
      expect(b.x.shape).toEqual([b.size, 2]);
      for (let r = 0; r < b.size; r++) {
        const id = b.y.data[r];
        seen.push(id);
        // x row follows its label
        expect(b.x.data[2 * r]).toBe(2 * id);
        expect(b.x.data[2 * r + 1]).toBe(2 * id + 1);
      }
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('shuffles into a different order each epoch', () => {
    const n = 20;
    const x = fromArray(
      [n, 1],
      Array.from({ length: n }, (_, i) => i),
    );
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const src = new BatchSource(x, x, rows, 'full', 'float32');
    const rng = new Rng(5);
    src.shuffle(rng);
    const first = [...src.batch(0).x.data];
    src.shuffle(rng);
    expect([...src.batch(0).x.data]).not.toEqual(first);
  });
});
