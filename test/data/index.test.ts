import { describe, expect, it } from 'vitest';
import { DatasetError, listBuiltinDatasets, loadDataset } from '../../engine/data/index.ts';
import { errorOf } from './helpers.ts';

const IDS = [
  'builtin:spirals',
  'builtin:circles',
  'builtin:xor',
  'builtin:blobs',
  'builtin:recall',
  'builtin:adding',
  'builtin:names',
  'builtin:text',
  'builtin:spam',
];

describe('listBuiltinDatasets', () => {
  it('lists every fixed id with options, defaults within their ranges, and plain data only', () => {
    const list = listBuiltinDatasets();
    expect(list.map((d) => d.id)).toEqual(IDS);
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    for (const d of list) {
      expect(d.title.length).toBeGreaterThan(0);
      expect(d.options.some((o) => o.name === 'seed')).toBe(true);
      for (const o of d.options) {
        if (typeof o.default !== 'number') continue;
        if (o.min !== undefined) expect(o.default).toBeGreaterThanOrEqual(o.min);
        if (o.max !== undefined) expect(o.default).toBeLessThanOrEqual(o.max);
      }
    }
  });

  it('returns copies: editing the list does not change the next one', () => {
    listBuiltinDatasets()[0].options[0].default = 999;
    expect(listBuiltinDatasets()[0].options[0].default).not.toBe(999);
  });
});

describe('loadDataset', () => {
  it.each(IDS)(
    '%s loads with the Input its listing suggests, with the task and row count agreeing',
    async (id) => {
      const info = listBuiltinDatasets().find((d) => d.id === id)!;
      const d = await loadDataset({ id, options: { seed: 5 } }, info.input);
      expect(d.id).toBe(id);
      expect(d.task).toBe(info.task);
      expect(d.x.shape.slice(1)).toEqual(info.input.shape);
      expect(d.y.shape[0]).toBe(d.x.shape[0]);
      expect(d.x.data.length).toBe(d.x.shape.reduce((a, b) => a * b, 1));
      expect(d.y.data.length).toBe(d.y.shape.reduce((a, b) => a * b, 1));
      expect(d.x.data.every(Number.isFinite)).toBe(true);
    },
  );

  it.each(IDS)(
    '%s: the same seed gives identical data; another seed other data (text keeps its order)',
    async (id) => {
      const info = listBuiltinDatasets().find((d) => d.id === id)!;
      const a = await loadDataset({ id, options: { seed: 11 } }, info.input);
      const b = await loadDataset({ id, options: { seed: 11 } }, info.input);
      const c = await loadDataset({ id, options: { seed: 12 } }, info.input);
      expect(a.x.data).toEqual(b.x.data);
      expect(a.y.data).toEqual(b.y.data);
      const same = a.x.data.every((v, i) => v === c.x.data[i]);
      expect(same).toBe(id === 'builtin:text');
    },
  );

  it('an unknown id lists the built-ins', async () => {
    const err = await loadDataset({ id: 'builtin:mnist' }, { shape: [2], dtype: 'float32' }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe(`unknown dataset "builtin:mnist"; built-in datasets are ${IDS.join(', ')}`);
  });

  it('an upload id points to datasetFromUpload', async () => {
    expect(
      await errorOf(() => loadDataset({ id: 'upload:my.csv' }, { shape: [2], dtype: 'float32' })),
    ).toMatch(/datasetFromUpload/);
  });
});
