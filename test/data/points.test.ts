import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset } from '../../engine/data/index.ts';
import { errorOf, floatInput, idInput, row } from './helpers.ts';

const ids = ['builtin:spirals', 'builtin:circles', 'builtin:xor', 'builtin:blobs'];

describe('2D point datasets', () => {
  it.each(ids)('%s gives x [N, 2], y [N] class ids, balanced, deterministic', async (id) => {
    const a = await loadDataset({ id, options: { n: 120, seed: 7 } }, floatInput([2]));
    const b = await loadDataset({ id, options: { n: 120, seed: 7 } }, floatInput([2]));
    const c = await loadDataset({ id, options: { n: 120, seed: 8 } }, floatInput([2]));
    expect(a.task).toBe('classification');
    expect(a.x.shape).toEqual([120, 2]);
    expect(a.y.shape).toEqual([120]);
    expect(a.x.data).toEqual(b.x.data);
    expect(a.y.data).toEqual(b.y.data);
    expect(a.x.data).not.toEqual(c.x.data);
    const counts = new Array(a.numClasses).fill(0);
    for (const v of a.y.data) counts[v]++;
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    for (const v of a.x.data) expect(Math.abs(v)).toBeLessThan(2);
  });

  it('shuffles rows, so a slice at the end holds every class', async () => {
    const d = await loadDataset({ id: 'builtin:blobs', options: { n: 300, classes: 3 } }, floatInput([2]));
    const tail = new Set(Array.from(d.y.data.subarray(270)));
    expect(tail.size).toBe(3);
  });

  it('xor labels are 1 exactly where x and y have opposite signs (no noise)', async () => {
    const d = await loadDataset({ id: 'builtin:xor', options: { n: 200, noise: 0 } }, floatInput([2]));
    for (let i = 0; i < 200; i++) {
      const [x, y] = row(d.x, i);
      expect(d.y.data[i]).toBe(x * y < 0 ? 1 : 0);
    }
  });

  it('circles put class k on ring k (no noise)', async () => {
    const d = await loadDataset(
      { id: 'builtin:circles', options: { n: 300, noise: 0, classes: 3 } },
      floatInput([2]),
    );
    for (let i = 0; i < 300; i++) {
      const [x, y] = row(d.x, i);
      expect(Math.floor(Math.hypot(x, y) * 3)).toBe(d.y.data[i]);
    }
  });

  it('blobs are nearest to their own centre when noise is small', async () => {
    const d = await loadDataset(
      { id: 'builtin:blobs', options: { n: 90, noise: 0.05, classes: 3 } },
      floatInput([2]),
    );
    for (let i = 0; i < 90; i++) {
      const [x, y] = row(d.x, i);
      const dist = [0, 1, 2].map((k) =>
        Math.hypot(x - 0.7 * Math.cos((2 * Math.PI * k) / 3), y - 0.7 * Math.sin((2 * Math.PI * k) / 3)),
      );
      expect(dist.indexOf(Math.min(...dist))).toBe(d.y.data[i]);
    }
  });

  it.each([0.65, 1.5])(
    'spiral arms (%s turns) never cross: with no noise, radius and angle give the arm',
    async (turns) => {
      const d = await loadDataset(
        { id: 'builtin:spirals', options: { n: 200, noise: 0, turns } },
        floatInput([2]),
      );
      for (let i = 0; i < 200; i++) {
        const [x, y] = row(d.x, i);
        const t = (Math.hypot(x, y) - 0.1) / 0.9; // position along the arm
        const start = Math.atan2(y, x) - 2 * Math.PI * turns * t; // arm offset: 0 or pi
        const arm = Math.round((((start % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) / Math.PI) % 2;
        expect(arm).toBe(d.y.data[i]);
      }
    },
  );

  it('spirals wind 0.65 turns by default', async () => {
    const a = await loadDataset({ id: 'builtin:spirals', options: { n: 50, noise: 0 } }, floatInput([2]));
    const b = await loadDataset(
      { id: 'builtin:spirals', options: { n: 50, noise: 0, turns: 0.65 } },
      floatInput([2]),
    );
    expect(a.x.data).toEqual(b.x.data);
  });

  it('a Dense(1) sigmoid output makes a 2-class set binary with y [N, 1]', async () => {
    const d = await loadDataset({ id: 'builtin:spirals', options: { n: 10 } }, floatInput([2], [1]));
    expect(d.task).toBe('binary');
    expect(d.y.shape).toEqual([10, 1]);
  });

  it("takes the number of classes from the model's output when not set", async () => {
    const d = await loadDataset({ id: 'builtin:spirals', options: { n: 30 } }, floatInput([2], [3]));
    expect(d.numClasses).toBe(3);
    expect(new Set(d.y.data).size).toBe(3);
  });

  it('names both shapes when the Input does not fit', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:spirals' }, idInput([40], 100)))).toBe(
      "builtin:spirals gives rows of shape [2] (float32) but the Input expects [40] (int32): set the Input's shape to [2] and its dtype to float32",
    );
    await expect(loadDataset({ id: 'builtin:xor' }, floatInput([3]))).rejects.toBeInstanceOf(DatasetError);
  });

  it('names the class count and the output shape when they disagree', async () => {
    expect(await errorOf(() => loadDataset({ id: 'builtin:xor' }, floatInput([2], [3])))).toBe(
      "builtin:xor has 2 classes (targets of shape [2]) but the model's output is [3]: end with Dense(2) and a Softmax, or Dense(1) with a sigmoid",
    );
    expect(
      await errorOf(() =>
        loadDataset({ id: 'builtin:blobs', options: { classes: 4 } }, floatInput([2], [1])),
      ),
    ).toBe(
      "builtin:blobs has 4 classes but the model's output is [1]: end with Dense(4) and a Softmax, or use 2 classes",
    );
  });

  it('refuses bad and unknown options with the name of the option', async () => {
    expect(
      await errorOf(() => loadDataset({ id: 'builtin:spirals', options: { n: 2.5 } }, floatInput([2]))),
    ).toBe('builtin:spirals: option n must be a whole number from 4 to 20000, got 2.5');
    expect(
      await errorOf(() => loadDataset({ id: 'builtin:spirals', options: { nosie: 1 } }, floatInput([2]))),
    ).toBe('builtin:spirals has no option "nosie"; its options are n, noise, classes, turns, seed');
  });
});
