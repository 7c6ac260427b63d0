// Long-range sequence tasks for the vanishing-gradient lesson: the answer sits at the start of the
// sequence, so the gradient that teaches it must travel back through every step.
import { Rng } from '../../random.ts';
import { DatasetError, fmtInput, fmtShape } from '../errors.ts';
import { classesFromOutput, classTargets, classTask, requireOutput, tokenLayout, tokensToX } from '../fit.ts';
import { isSet, type OptionSpec, type RawOptions, readOptions, SEED_OPTION } from '../options.ts';
import type { Dataset, InputSpec } from '../types.ts';
import type { BuiltinDataset } from './types.ts';

const nOption: OptionSpec = { name: 'n', label: 'sequences', kind: 'int', default: 1000, min: 4, max: 20000 };
const lengthOption: OptionSpec = {
  name: 'length',
  label: 'length',
  kind: 'int',
  default: 30,
  min: 2,
  max: 1000,
  help: "steps per sequence; when not set, the Input's first dimension decides",
};

/** The sequence length: the Input's, unless the option says otherwise (then they must agree). */
function sequenceLength(id: string, raw: RawOptions | undefined, value: number, spec: InputSpec): number {
  const fromInput = spec.shape[0];
  if (isSet(raw, 'length') && value !== fromInput) {
    throw new DatasetError(
      `${id} with length ${value} gives sequences of ${value} steps but the Input expects ${fmtInput(spec.shape, spec.dtype)}: ` +
        `make the Input's first dimension ${value}, or remove the length option`,
    );
  }
  return fromInput;
}

/**
 * Recall: token ids 0..C-1 are the "signal" tokens (one per class). Position 1 holds a signal token;
 * every later position a random distractor: from ids C..vocab-1, or with `overlap` from all ids, so
 * later tokens can look like answers and the model must remember *where* the answer was.
 */
function loadRecall(raw: RawOptions | undefined, spec: InputSpec): Dataset {
  const id = 'builtin:recall';
  const o = readOptions(id, RECALL_OPTIONS, raw);
  let vocab = o.vocab as number;
  if (spec.dtype === 'float32' && spec.shape.length === 2 && !isSet(raw, 'vocab')) vocab = spec.shape[1];
  let classes = o.classes as number;
  const fromOut = classesFromOutput(spec);
  if (!isSet(raw, 'classes') && fromOut !== undefined && fromOut >= 2 && fromOut < vocab) classes = fromOut;
  const overlap = o.overlap as boolean;
  if (overlap ? classes > vocab : classes >= vocab) {
    throw new DatasetError(
      overlap
        ? `${id}: vocab (${vocab}) must be at least classes (${classes})`
        : `${id}: vocab (${vocab}) must be larger than classes (${classes}) to leave room for distractor tokens`,
    );
  }
  const layout = tokenLayout(id, spec, vocab);
  const length = sequenceLength(id, raw, o.length as number, spec);
  const task = classTask(id, classes, spec);
  const n = o.n as number;
  const rng = new Rng(o.seed as number);
  const ids = new Int32Array(n * length);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.int(classes);
    ids[i * length] = labels[i];
    const lo = overlap ? 0 : classes;
    for (let t = 1; t < length; t++) ids[i * length + t] = lo + rng.int(vocab - lo);
  }
  const vocabNames = Array.from({ length: vocab }, (_, k) => (k < classes ? `S${k}` : `d${k - classes}`));
  return {
    id,
    description: `${n} sequences of ${length} tokens; the first is one of ${classes} signal tokens, the rest are distractors${overlap ? ' (which may repeat signal tokens)' : ''}. Predict the first token.`,
    task,
    x: tokensToX(ids, n, layout),
    y: classTargets(labels, task),
    numClasses: classes,
    vocab: vocabNames,
    classNames: vocabNames.slice(0, classes),
  };
}

const RECALL_OPTIONS: OptionSpec[] = [
  nOption,
  lengthOption,
  {
    name: 'vocab',
    label: 'vocabulary',
    kind: 'int',
    default: 8,
    min: 3,
    max: 1000,
    help: 'token ids in all (classes signal tokens + distractors); a one-hot Input [T, V] sets it to V',
  },
  {
    name: 'classes',
    label: 'classes',
    kind: 'int',
    default: 4,
    min: 2,
    max: 999,
    help: "signal tokens the first position draws from; when not set, the model's output [K] decides",
  },
  {
    name: 'overlap',
    label: 'distractors may repeat signal tokens',
    kind: 'boolean',
    default: false,
    help: 'false: distractors use only ids classes..vocab-1; true: any id, so only the position tells the answer',
  },
  SEED_OPTION,
];

/** Hochreiter & Schmidhuber's adding problem: x[t] = (value in [0,1), marker 0/1); y = sum of the 2 marked values. */
function loadAdding(raw: RawOptions | undefined, spec: InputSpec): Dataset {
  const id = 'builtin:adding';
  const o = readOptions(id, ADDING_OPTIONS, raw);
  if (spec.dtype !== 'float32' || spec.shape.length !== 2 || spec.shape[1] !== 2) {
    const t = isSet(raw, 'length') ? o.length : (spec.shape[0] ?? o.length);
    throw new DatasetError(
      `${id} gives sequences of shape [${t}, 2] (float32: value, marker) but the Input expects ${fmtInput(spec.shape, spec.dtype)}: ` +
        `set the Input to [${t}, 2] float32`,
    );
  }
  const length = sequenceLength(id, raw, o.length as number, spec);
  requireOutput(id, spec, [1], 'end with Dense(1) (no activation) for this regression');
  const n = o.n as number;
  const rng = new Rng(o.seed as number);
  const x = new Float32Array(n * length * 2);
  const y = new Float32Array(n);
  const half = Math.max(1, Math.floor(length / 2));
  for (let i = 0; i < n; i++) {
    const base = i * length * 2;
    for (let t = 0; t < length; t++) x[base + 2 * t] = rng.next();
    // one marker in each half, as in the original task, so the first is always far from the end
    const a = rng.int(half);
    const b = half + rng.int(length - half);
    x[base + 2 * a + 1] = 1;
    x[base + 2 * b + 1] = 1;
    y[i] = x[base + 2 * a] + x[base + 2 * b];
  }
  return {
    id,
    description: `${n} sequences of ${length} (value, marker) pairs; predict the sum of the two marked values (${fmtShape([1])}).`,
    task: 'regression',
    x: { shape: [n, length, 2], data: x },
    y: { shape: [n, 1], data: y },
  };
}

const ADDING_OPTIONS: OptionSpec[] = [nOption, lengthOption, SEED_OPTION];

/** The two sequence tasks. */
export const SEQUENCE_DATASETS: BuiltinDataset[] = [
  {
    id: 'builtin:recall',
    title: 'Long-range recall',
    description:
      'Sequences of tokens whose first token is one of C signal tokens and the rest random distractors; predict the first token. ' +
      'Easy for an LSTM, very hard for a vanilla RNN once sequences are long (~30+).',
    task: 'classification',
    options: RECALL_OPTIONS,
    input: { shape: [30], dtype: 'int32', vocabSize: 8 },
    suits:
      'Input [T] int32 + Embedding(vocabSize >= vocab), or Input [T, vocab] float32 one-hot; output Dense(C) + Softmax',
    load: loadRecall,
  },
  {
    id: 'builtin:adding',
    title: 'Adding problem',
    description:
      'Sequences of (value, marker) pairs with exactly two markers; predict the sum of the two marked values (regression).',
    task: 'regression',
    options: ADDING_OPTIONS,
    input: { shape: [30, 2], dtype: 'float32' },
    suits: 'Input [T, 2] float32; output Dense(1) (identity)',
    load: loadAdding,
  },
];
