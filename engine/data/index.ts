// The data half of training: built-in datasets, user uploads, and fitting both to a graph's Input.
// Callers: the trainer (engine/train), the CLI's `train --data`, the app's dataset picker.
import { findBuiltin, BUILTINS } from './builtin/registry.ts';
import type { BuiltinInfo } from './builtin/types.ts';
import { DatasetError } from './errors.ts';
import type { RawOptions } from './options.ts';
import type { Dataset, InputSpec } from './types.ts';

export type { BuiltinInfo } from './builtin/types.ts';
export { DatasetError } from './errors.ts';
export type { OptionSpec } from './options.ts';
export { type CsvRecord, readCsv } from './csv.ts';
export {
  type CsvOptions,
  type NumericCsv,
  type ParseResult,
  parseCsv,
  parseTextCorpus,
  parseTextLabelCsv,
  type TextCorpus,
  type TextLabelCsv,
} from './parsers.ts';
export { datasetFromUpload, type UploadKind, type UploadOptions, type UploadResult } from './upload.ts';
export { encodeChars, encodeWords, PAD_ID, tokenizeWords, UNK_ID, vocabIndex } from './tokens.ts';
export type { DataError, Dataset, InputSpec, TaskKind } from './types.ts';

/** A dataset reference as stored in a graph's training.dataset. */
export interface DatasetRef {
  id: string;
  options?: RawOptions;
}

/**
 * Loads a built-in dataset shaped to the graph (ids or one-hot, task from the output shape).
 * Async because the text corpora are lazy-imported. Rejects with DatasetError, whose message names
 * the data's shape and the Input's, when they cannot fit. Put the training seed in options.seed.
 */
export async function loadDataset(ref: DatasetRef, spec: InputSpec): Promise<Dataset> {
  const builtin = findBuiltin(ref.id);
  if (!builtin) {
    const hint = ref.id.startsWith('upload:')
      ? ' (uploaded data is loaded with datasetFromUpload)'
      : `; built-in datasets are ${BUILTINS.map((d) => d.id).join(', ')}`;
    throw new DatasetError(`unknown dataset "${ref.id}"${hint}`);
  }
  return builtin.load(ref.options, spec);
}

/** The built-in datasets for the picker: id, title, description, task, options, a fitting Input. Plain data. */
export function listBuiltinDatasets(): BuiltinInfo[] {
  return BUILTINS.map(({ load: _load, ...info }) => structuredClone(info));
}
