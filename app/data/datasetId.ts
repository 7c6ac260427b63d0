// The dataset field's check: a built-in id, or an upload kept in this browser. Said when typed, not only
// when Train fails (the engine's loadDataset says the same at Train, for graphs opened from a file).
import { listBuiltinDatasets } from '../../engine/index.ts';
import type { FieldCheck } from '../model/paramSpecs.ts';

/** Ids of the built-in datasets, in the picker's order. */
export function builtinDatasetIds(): string[] {
  return listBuiltinDatasets().map((d) => d.id);
}

/** Checks a typed dataset id; `hasUpload(id)` says whether an `upload:` id is stored in this browser. */
export function checkDatasetId(raw: string, hasUpload: (id: string) => boolean): FieldCheck {
  const id = raw.trim();
  if (id === '') return { ok: false, reason: 'dataset needs an id' };
  const builtins = builtinDatasetIds();
  if (builtins.includes(id)) return { ok: true, value: id };
  if (id.startsWith('upload:')) {
    return hasUpload(id)
      ? { ok: true, value: id }
      : {
          ok: false,
          reason: `no uploaded file "${id.slice('upload:'.length)}" in this browser: upload it in the Training tab's dataset picker`,
        };
  }
  return {
    ok: false,
    reason: `unknown dataset "${id}"; built-in datasets are ${builtins.join(', ')} (or upload a file in the Training tab)`,
  };
}
