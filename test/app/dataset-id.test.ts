// The inspector's dataset field: unknown ids are refused when typed, with the list of built-ins.
import { describe, expect, test } from 'vitest';
import { listBuiltinDatasets } from '../../engine/index.ts';
import { checkDatasetId } from '../../app/data/datasetId.ts';

const none = () => false;

describe('checkDatasetId', () => {
  test('every built-in the engine lists is accepted (trimmed)', () => {
    const ids = listBuiltinDatasets().map((d) => d.id);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(checkDatasetId(` ${id} `, none)).toEqual({ ok: true, value: id });
  });

  test('an unknown built-in is refused and the reason names every known one', () => {
    const r = checkDatasetId('builtin:nope', none);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^unknown dataset "builtin:nope"; built-in datasets are /);
    for (const d of listBuiltinDatasets()) expect(r.reason).toContain(d.id);
  });

  test('an upload id is accepted only when the file is stored in this browser', () => {
    expect(checkDatasetId('upload:a.csv', (id) => id === 'upload:a.csv')).toEqual({
      ok: true,
      value: 'upload:a.csv',
    });
    const r = checkDatasetId('upload:b.csv', (id) => id === 'upload:a.csv');
    expect(r).toEqual({
      ok: false,
      reason: `no uploaded file "b.csv" in this browser: upload it in the Training tab's dataset picker`,
    });
  });

  test('an empty id is refused', () => {
    expect(checkDatasetId('   ', none)).toEqual({ ok: false, reason: 'dataset needs an id' });
  });
});
