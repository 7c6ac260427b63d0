// User data fitted to the graph: a numeric CSV, a plain text, or a text,label CSV becomes a Dataset.
// Never throws for bad input: parse errors come back with line/column, misfits with both shapes.
import { Rng } from '../random.ts';
import { charLmDataset } from './charlm.ts';
import { DatasetError, fmtShape } from './errors.ts';
import { classTargets, classTask, requireOutput, requireVectorInput } from './fit.ts';
import {
  type HeaderOption,
  type NumericCsv,
  parseCsv,
  parseNumber,
  parseTextCorpus,
  parseTextLabelCsv,
} from './parsers.ts';
import { permutation, permuteRows } from './builtin/shuffle.ts';
import { textClassDataset } from './textclass.ts';
import { charVocab, encodeChars, graphemes } from './tokens.ts';
import type { DataError, Dataset, InputSpec } from './types.ts';

/** What kind of file: numeric CSV (features + label), plain text (char LM), or text,label CSV. */
export type UploadKind = 'csv' | 'text' | 'text-csv';

/** Options of an upload; each kind reads the ones that apply. */
export interface UploadOptions {
  /** file name, for the dataset id "upload:<name>" and messages */
  name?: string;
  /** shuffles the rows (so any slice of them mixes classes); default 42 */
  seed?: number;
  /** csv: the label column, by header name or 1-based number (default: the last column) */
  label?: string | number;
  /** csv, text-csv: whether the first row is a header (default 'auto') */
  header?: HeaderOption;
  /** text: fold capitals (default false) */
  lowercase?: boolean;
  /** text: characters between window starts (default: the Input length) */
  stride?: number;
}

/** The outcome of an upload: a dataset that fits the graph, or one error (with line/column when in the file). */
export type UploadResult = { ok: true; dataset: Dataset } | { ok: false; error: DataError };

/** Parses `text` as `kind` and fits it to the graph's Input and output. Pure; never throws on bad input. */
export function datasetFromUpload(
  kind: UploadKind,
  text: string,
  spec: InputSpec,
  options: UploadOptions = {},
): UploadResult {
  const id = `upload:${options.name ?? kind}`;
  const rng = new Rng(options.seed ?? 42);
  try {
    if (kind === 'csv') {
      const p = parseCsv(text, { label: options.label, header: options.header });
      return p.ok ? { ok: true, dataset: fromNumeric(id, p, spec, rng) } : p;
    }
    if (kind === 'text') {
      const p = parseTextCorpus(text);
      if (!p.ok) return p;
      const corpus = options.lowercase ? p.text.toLowerCase() : p.text;
      const vocab = charVocab(corpus);
      const description = `${characterCount(corpus)} of your text (${vocab.length} distinct) cut into {n} windows of {T}; predict the next character.`;
      const stride = options.stride && options.stride > 0 ? Math.floor(options.stride) : undefined;
      return {
        ok: true,
        dataset: charLmDataset({ id, stream: encodeChars(corpus, vocab), vocab, description, stride }, spec),
      };
    }
    if (kind === 'text-csv') {
      const p = parseTextLabelCsv(text, { header: options.header });
      if (!p.ok) return p;
      const classNames = sortedDistinct(p.labels);
      const rank = new Map(classNames.map((c, i) => [c, i]));
      const perm = permutation(p.texts.length, rng);
      const description = `{n} texts as {T} word ids from a vocabulary of {V}; predict the label (${classNames.join(', ')}).`;
      const src = {
        id,
        texts: Array.from(perm, (i) => p.texts[i]),
        labels: Int32Array.from(perm, (i) => rank.get(p.labels[i])!),
        classNames,
        description,
        preferBinary: true,
      };
      return { ok: true, dataset: textClassDataset(src, spec) };
    }
    return { ok: false, error: { message: `unknown upload kind "${kind}": use csv, text or text-csv` } };
  } catch (e) {
    if (e instanceof DatasetError) return { ok: false, error: { message: e.message } };
    throw e;
  }
}

/** Distinct labels in natural order ("2" before "10", "ham" before "spam"). */
function sortedDistinct(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Most distinct integer labels taken as classes when the model's output does not say. */
const MAX_GUESSED_CLASSES = 50;

function fromNumeric(id: string, p: NumericCsv, spec: InputSpec, rng: Rng): Dataset {
  requireVectorInput(id, spec, p.width);
  const perm = permutation(p.rows, rng);
  const labels = Array.from(perm, (i) => p.labels[i]);
  const base = { id, x: { shape: [p.rows, p.width], data: permuteRows(p.features, p.width, perm) } };
  const what = `${p.rows} rows of ${p.width} features (${p.featureNames.join(', ')}); predict ${p.labelName}`;
  const nums = labels.map(parseNumber);
  if (nums.every((v) => v !== null)) {
    const values = nums as number[];
    const huge = values.find((v) => !Number.isFinite(Math.fround(v)));
    if (huge !== undefined)
      throw new DatasetError(`${id}: the label ${huge} is too large for float32 (max about 3.4e38)`);
    const target = numericTargets(id, values, spec);
    if (target === 'regression') {
      requireOutput(id, spec, [1], 'end with Dense(1) (no activation) to predict a number');
      return {
        ...base,
        description: `${what} (regression).`,
        task: 'regression',
        y: { shape: [p.rows, 1], data: Float32Array.from(values) },
      };
    }
    const { task, classes } = target;
    const classNames = Array.from({ length: classes }, (_, k) => String(k));
    return {
      ...base,
      description: `${what} (${classes} classes).`,
      task,
      y: classTargets(values, task),
      numClasses: classes,
      classNames,
    };
  }
  const classNames = sortedDistinct(labels);
  const rank = new Map(classNames.map((c, i) => [c, i]));
  const task = classTask(id, classNames.length, spec);
  const ids = labels.map((l) => rank.get(l)!);
  return {
    ...base,
    description: `${what} (${classNames.join(', ')}).`,
    task,
    y: classTargets(ids, task),
    numClasses: classNames.length,
    classNames,
  };
}

/** Numeric labels: class ids, 0/1 for a [1] output, or numbers to regress. */
function numericTargets(
  id: string,
  values: number[],
  spec: InputSpec,
): 'regression' | { task: 'binary' | 'classification'; classes: number } {
  const out = spec.outputShape;
  const ints = values.every((v) => Number.isInteger(v) && v >= 0);
  const max = values.reduce((m, v) => Math.max(m, v), 0);
  if (out && out.length === 1 && out[0] === 1) {
    return values.every((v) => v === 0 || v === 1) ? { task: 'binary', classes: 2 } : 'regression';
  }
  if (out && out.length === 1 && out[0] >= 2) {
    if (ints && max < out[0]) return { task: 'classification', classes: out[0] };
    const bad = values.find((v) => !Number.isInteger(v) || v < 0 || v >= out[0]);
    throw new DatasetError(
      `${id}: the model's output ${fmtShape(out)} means ${out[0]} classes, so labels must be class ids 0 to ${out[0] - 1}, but one is ${bad}: ` +
        'end with Dense(1) to predict a number instead',
    );
  }
  if (!out && ints && max >= 1 && max < MAX_GUESSED_CLASSES)
    return { task: 'classification', classes: max + 1 };
  return 'regression';
}

/** "240 characters" as a reader counts them (grapheme clusters), with the code points when they
 *  differ (a decomposed "é" is 2 code points, 1 character; UTF-16 length would count 😀 twice). */
function characterCount(text: string): string {
  const chars = graphemes(text).length;
  const points = Array.from(text).length;
  return points === chars ? `${chars} characters` : `${chars} characters (${points} Unicode code points)`;
}
