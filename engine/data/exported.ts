// An `export-data` folder read back (the other direction of engine/export/data.ts): the CLI's
// `train --data DIR` trains on exactly the rows and validation split the PyTorch script reads.
// Pure: the caller hands over the files' bytes by name. Never throws for bad files.
import { decodeNpy, type NpyArray } from './npy.ts';
import type { Dataset, InputSpec } from './types.ts';

/** The dataset, and which of its rows are for training and which for validation. */
export type ExportedData = { ok: true; dataset: Dataset } | { ok: false; message: string };

const TASKS = new Set(['classification', 'binary', 'regression', 'language-model']);

/** Reads manifest.json, {train,val}_{x,y}.npy and vocab.json (when present) through `file`. */
export function datasetFromExport(file: (name: string) => Uint8Array | null, spec: InputSpec): ExportedData {
  const fail = (message: string): ExportedData => ({ ok: false, message });
  const text = (name: string) => {
    const b = file(name);
    return b === null ? null : new TextDecoder().decode(b);
  };
  const manifestText = text('manifest.json');
  if (manifestText === null) return fail('the folder has no manifest.json (write one with export-data)');
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(manifestText);
  } catch (e) {
    return fail(`manifest.json is not valid JSON (${(e as Error).message})`);
  }
  if (m?.format !== 'backprop-studio.data')
    return fail('manifest.json is not a Backprop Studio data manifest');
  if (typeof m.task !== 'string' || !TASKS.has(m.task))
    return fail(`manifest.json has an unknown task ${JSON.stringify(m.task)}`);
  const arrays: Record<string, NpyArray> = {};
  for (const name of ['train_x', 'train_y', 'val_x', 'val_y']) {
    const bytes = file(`${name}.npy`);
    if (bytes === null) return fail(`the folder has no ${name}.npy`);
    const a = decodeNpy(bytes);
    if (typeof a === 'string') return fail(`${name}.npy: ${a}`);
    arrays[name] = a;
  }
  const { train_x: tx, train_y: ty, val_x: vx, val_y: vy } = arrays;
  const want = spec.shape.join(', ');
  for (const [name, a] of [
    ['train_x', tx],
    ['val_x', vx],
  ] as const) {
    if (a.shape.slice(1).join(', ') !== want) {
      return fail(
        `${name}.npy has rows of shape [${a.shape.slice(1).join(', ')}] but the Input takes [${want}]`,
      );
    }
  }
  if (ty.shape[0] !== tx.shape[0] || vy.shape[0] !== vx.shape[0])
    return fail('the x and y files have different row counts');
  if (spec.dtype === 'int32') {
    const limit = spec.vocabSize ?? Number.POSITIVE_INFINITY;
    for (const [name, a] of [
      ['train_x', tx],
      ['val_x', vx],
    ] as const) {
      const bad = a.data.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= limit);
      if (bad >= 0)
        return fail(`${name}.npy value ${bad} is ${a.data[bad]}, not a token id from 0 to ${limit - 1}`);
    }
  }
  if (ty.shape.slice(1).join() !== vy.shape.slice(1).join())
    return fail('train_y.npy and val_y.npy have different row shapes');
  const nT = tx.shape[0];
  const nV = vx.shape[0];
  const concat = (a: NpyArray, b: NpyArray) => {
    const out = new Float32Array(a.data.length + b.data.length);
    out.set(a.data);
    out.set(b.data, a.data.length);
    return out;
  };
  const range = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
  const vocabText = text('vocab.json');
  let vocab: string[] | undefined;
  if (vocabText !== null) {
    try {
      vocab = JSON.parse(vocabText);
    } catch {
      return fail('vocab.json is not valid JSON');
    }
    if (!Array.isArray(vocab) || !vocab.every((t) => typeof t === 'string'))
      return fail('vocab.json is not a list of tokens');
  }
  const tokenizer = (m.tokenizer as { kind?: unknown } | undefined)?.kind;
  const dataset: Dataset = {
    id: String(m.dataset ?? 'export-data'),
    description: String(m.description ?? ''),
    task: m.task as Dataset['task'],
    x: { shape: [nT + nV, ...spec.shape], data: concat(tx, vx) },
    y: { shape: [nT + nV, ...ty.shape.slice(1)], data: concat(ty, vy) },
    ...(typeof m.numClasses === 'number' ? { numClasses: m.numClasses } : {}),
    ...(Array.isArray(m.classNames) ? { classNames: m.classNames.map(String) } : {}),
    ...(vocab ? { vocab } : {}),
    ...(tokenizer === 'word' || tokenizer === 'char' ? { tokenizer } : {}),
    split: { train: range(0, nT), val: range(nT, nV) },
  };
  return { ok: true, dataset };
}
