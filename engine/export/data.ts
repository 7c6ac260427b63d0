// A graph's dataset as files the exported script (and any NumPy user) reads: the SAME rows, split and
// tokenization as the app's trainer (trainValSplit with the training seed), tensors as .npy, the
// vocabulary and tokenizer as JSON, text rows as JSONL for people and standard tools, a README and a
// manifest. Pure: returns names and bytes; the CLI writes them and the app offers them as downloads.
import type { TrainingConfig } from '../../graph-schema/schema.ts';
import type { Dataset } from '../data/types.ts';
import { trainValSplit } from '../train/trainer.ts';
import { encodeNpy, type NpyDType } from '../data/npy.ts';

/** One file of an exported dataset. */
export interface DataFile {
  name: string;
  data: Uint8Array | string;
}

/** The manifest the exported script reads first (`manifest.json`). */
export interface DataManifest {
  format: 'backprop-studio.data';
  version: 1;
  dataset: string;
  description: string;
  task: Dataset['task'];
  rows: { train: number; val: number };
  validationSplit: number;
  seed: number;
  x: { shape: number[]; dtype: NpyDType };
  y: { shape: number[]; dtype: NpyDType };
  numClasses?: number;
  classNames?: string[];
  tokenizer?: TokenizerInfo;
  files: string[];
}

/** How raw text becomes ids, so the script can read a user's own text the same way. */
export interface TokenizerInfo {
  kind: 'word' | 'char';
  /** the vocabulary file: a JSON list of tokens, index = id */
  vocab: 'vocab.json';
  /** tokens per row (the Input's sequence length) */
  length: number;
  /** word tokens: lowercase runs of letters or digits, pre-padded with id 0, unknown words id 1 */
  lowercase?: boolean;
  pad?: number;
  unk?: number;
  /** char language models: a window starts every `stride` characters */
  stride?: number;
}

const rowShape = (shape: readonly number[]) => shape.slice(1);

/** Rows `rows` of a [N, ...] tensor, as a flat array. */
function take(data: ArrayLike<number>, shape: readonly number[], rows: Int32Array): Float64Array {
  const size = rowShape(shape).reduce((a, b) => a * b, 1);
  const out = new Float64Array(rows.length * size);
  for (let r = 0; r < rows.length; r++) {
    for (let k = 0; k < size; k++) out[r * size + k] = data[rows[r] * size + k];
  }
  return out;
}

/** Whether the targets are class ids (int32) or values (float32). */
function yDType(task: Dataset['task']): NpyDType {
  return task === 'classification' || task === 'language-model' ? 'int32' : 'float32';
}

/**
 * The dataset files: train/val x and y (.npy), manifest.json, README.md and, for token data,
 * vocab.json and train.jsonl / val.jsonl (each row's ids, its tokens as text, and its label).
 */
export function datasetFiles(
  dataset: Dataset,
  training: TrainingConfig,
  opts: { xDtype: 'float32' | 'int32'; seed?: number; stride?: number; graphName: string },
): DataFile[] {
  const seed = opts.seed ?? training.seed;
  const n = dataset.x.shape[0];
  const split = dataset.split ?? trainValSplit(n, training, seed);
  const xd: NpyDType = opts.xDtype;
  const yd = yDType(dataset.task);
  const files: DataFile[] = [];
  const parts: [string, Int32Array][] = [
    ['train', split.train],
    ['val', split.val],
  ];
  for (const [part, rows] of parts) {
    files.push({
      name: `${part}_x.npy`,
      data: encodeNpy(
        [rows.length, ...rowShape(dataset.x.shape)],
        take(dataset.x.data, dataset.x.shape, rows),
        xd,
      ),
    });
    files.push({
      name: `${part}_y.npy`,
      data: encodeNpy(
        [rows.length, ...rowShape(dataset.y.shape)],
        take(dataset.y.data, dataset.y.shape, rows),
        yd,
      ),
    });
  }
  const tokenizer = tokenizerInfo(dataset, opts.stride);
  if (tokenizer && dataset.vocab) {
    files.push({ name: 'vocab.json', data: `${JSON.stringify(dataset.vocab)}\n` });
    for (const [part, rows] of parts) files.push({ name: `${part}.jsonl`, data: jsonl(dataset, rows) });
  }
  const manifest: DataManifest = {
    format: 'backprop-studio.data',
    version: 1,
    dataset: dataset.id,
    description: dataset.description,
    task: dataset.task,
    rows: { train: split.train.length, val: split.val.length },
    validationSplit: training.validationSplit ?? 0.1,
    seed,
    x: { shape: rowShape(dataset.x.shape), dtype: xd },
    y: { shape: rowShape(dataset.y.shape), dtype: yd },
    ...(dataset.numClasses !== undefined ? { numClasses: dataset.numClasses } : {}),
    ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
    ...(tokenizer ? { tokenizer } : {}),
    files: [...files.map((f) => f.name), 'README.md'],
  };
  files.push({ name: 'manifest.json', data: `${JSON.stringify(manifest, null, 2)}\n` });
  files.push({ name: 'README.md', data: readme(manifest, opts.graphName) });
  return files;
}

function tokenizerInfo(dataset: Dataset, stride: number | undefined): TokenizerInfo | undefined {
  if (!dataset.vocab || !dataset.tokenizer) return undefined;
  const length = dataset.x.shape[1];
  if (dataset.tokenizer === 'word') {
    return { kind: 'word', vocab: 'vocab.json', length, lowercase: true, pad: 0, unk: 1 };
  }
  return { kind: 'char', vocab: 'vocab.json', length, stride: stride ?? length };
}

/** One JSON object per row: {"ids": [...], "text": "...", "y": label} (text = the tokens the model sees). */
function jsonl(dataset: Dataset, rows: Int32Array): string {
  const vocab = dataset.vocab!;
  const x = dataset.x;
  const y = dataset.y;
  const xSize = rowShape(x.shape).reduce((a, b) => a * b, 1);
  const ySize = rowShape(y.shape).reduce((a, b) => a * b, 1);
  // one-hot rows [N, T, V] carry ids as the position of the 1
  const oneHot = x.shape.length === 3 ? x.shape[2] : 0;
  const lines: string[] = [];
  for (const r of rows) {
    const ids: number[] = [];
    if (oneHot) {
      for (let t = 0; t < x.shape[1]; t++) {
        const row = x.data.subarray((r * x.shape[1] + t) * oneHot, (r * x.shape[1] + t + 1) * oneHot);
        ids.push(Math.max(0, row.indexOf(1)));
      }
    } else for (let k = 0; k < xSize; k++) ids.push(x.data[r * xSize + k]);
    const words = ids
      .filter((id) => !(dataset.tokenizer === 'word' && id === 0))
      .map((id) => vocab[id] ?? '?');
    const text = dataset.tokenizer === 'word' ? words.join(' ') : words.join('');
    const label = ySize === 1 ? y.data[r] : Array.from(y.data.subarray(r * ySize, (r + 1) * ySize));
    const named = ySize === 1 && dataset.classNames ? { label: dataset.classNames[y.data[r]] } : {};
    lines.push(JSON.stringify({ ids, text, y: label, ...named }));
  }
  return `${lines.join('\n')}\n`;
}

function readme(m: DataManifest, graphName: string): string {
  const shape = (s: number[]) => `[N, ${s.join(', ')}]`.replace(', ]', ']');
  const lines = [
    `# ${m.dataset} for "${graphName}"`,
    '',
    m.description,
    '',
    `Exported by \`backprop-studio export-data\`: the rows, validation split (${m.validationSplit}, seed ${m.seed})`,
    'and tokenization the app trains on. The generated PyTorch script reads this folder:',
    '`python3 model.py train --data THIS_FOLDER`.',
    '',
    '| file | contents |',
    '| --- | --- |',
    `| \`train_x.npy\`, \`val_x.npy\` | inputs ${shape(m.x.shape)}, ${m.x.dtype} (${m.rows.train} and ${m.rows.val} rows) |`,
    `| \`train_y.npy\`, \`val_y.npy\` | targets ${shape(m.y.shape)}, ${m.y.dtype}: ${targetText(m.task)} |`,
  ];
  if (m.tokenizer) {
    lines.push(
      '| `vocab.json` | the vocabulary: a JSON list, token id = index |',
      '| `train.jsonl`, `val.jsonl` | one row per line: `{"ids": [...], "text": ..., "y": ...}` (the tokens the model sees) |',
    );
  }
  lines.push(
    '| `manifest.json` | shapes, dtypes, task, class names, tokenizer settings |',
    '',
    'Load in Python: `numpy.load("train_x.npy")`. Rows are in the order of the dataset;',
    'the script shuffles each epoch (`--no-shuffle` keeps this order, as the tests do).',
  );
  if (m.tokenizer?.kind === 'word') {
    lines.push(
      '',
      `Tokenizer: lowercase words (runs of letters or digits), the first ${m.tokenizer.length} kept, shorter`,
      'texts padded in front with id 0 ("<pad>"); words not in vocab.json get id 1 ("<unk>").',
    );
  } else if (m.tokenizer?.kind === 'char') {
    lines.push(
      '',
      `Tokenizer: characters; windows of ${m.tokenizer.length} characters every ${m.tokenizer.stride}, the target is the`,
      'window shifted by one character.',
    );
  }
  if (m.classNames)
    lines.push('', `Classes (id = index): ${m.classNames.map((c) => JSON.stringify(c)).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

function targetText(task: Dataset['task']): string {
  if (task === 'classification') return 'class ids';
  if (task === 'language-model') return 'next-token ids per position';
  if (task === 'binary') return '0/1 labels';
  return 'target values';
}
