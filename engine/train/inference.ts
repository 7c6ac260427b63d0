// Inference on a trained model: a batch prediction, the next-token table of a language model (the
// lecture's top-5), sampling with a temperature, decision-region grids for 2D classifiers and the
// probability a text classifier gives a typed text. Text becomes token ids through the dataset's vocab.
import { encodeWords, graphemes, tokenizeWords, vocabIndex } from '../data/tokens.ts';
import type { Rng } from '../random.ts';
import { allocArray, sizeOf, type Tensor } from '../tensor.ts';

/** What inference needs of a model (a subset of Model in engine/model.ts). */
export interface InferenceModel {
  dtype: 'float32' | 'float64';
  /** input shape without batch: [T] token ids, [T, V] one-hot, or [features] */
  inputShape: number[];
  outputShape: number[];
  /** [B, ...outputShape] probabilities (output activations applied); buffers may be reused */
  forward(x: Tensor): Tensor;
}

/** How text maps to token ids (from a Dataset). */
export interface Vocabulary {
  /** token strings by id */
  vocab?: string[];
  tokenizer?: 'char' | 'word';
  /** the id that is padding by construction (never generated); absent when every id is a token */
  padId?: number;
  /** the token that ends an item (sampling stops there, and a new item starts after it) */
  endToken?: string;
}

/** The model's output for a batch x [B, ...inputShape], copied out of the model's reused buffers. */
export function predict(model: InferenceModel, x: Tensor): Tensor {
  const want = sizeOf(model.inputShape);
  const rows = x.shape[0];
  if (x.data.length !== rows * want) {
    throw new Error(
      `the input has shape [${x.shape.join(', ')}] but the model takes [B, ${model.inputShape.join(', ')}]`,
    );
  }
  const input: Tensor = { shape: [rows, ...model.inputShape], data: allocArray(model.dtype, x.data.length) };
  input.data.set(x.data);
  const out = model.forward(input);
  return { shape: [...out.shape], data: out.data.slice() };
}

/** Splits text into tokens the way the datasets do: characters, or lower-cased words. */
export function tokenize(text: string, tokenizer: 'char' | 'word'): string[] {
  return tokenizer === 'char' ? graphemes(text) : tokenizeWords(text);
}

/** Token ids of a text; unknown tokens map to `unknownId` (dropped when it is undefined). */
export function encode(text: string, voc: Vocabulary, unknownId?: number): number[] {
  const index = vocabIndex(requireVocab(voc));
  const ids: number[] = [];
  for (const tok of tokenize(text, voc.tokenizer ?? 'char')) {
    const id = index.get(tok) ?? unknownId;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** Typed text that falls outside the model's vocabulary, and what the model does instead. */
export interface OutOfVocabulary {
  /** the unknown characters or words, each once, in order of appearance */
  unknown: string[];
  /** a sentence for the user: which tokens, and what the model reads instead */
  message: string;
}

const quoteAll = (tokens: string[]) => tokens.map((t) => JSON.stringify(t)).join(', ');

/**
 * What the model cannot read in `text`, or null when it knows every token. Character models skip an
 * unknown character (they have no "unknown" id), word models read an unknown word as <unk>.
 */
export function outOfVocabulary(voc: Vocabulary, text: string): OutOfVocabulary | null {
  const vocab = requireVocab(voc);
  const index = vocabIndex(vocab);
  const word = voc.tokenizer === 'word';
  const tokens = tokenize(text, voc.tokenizer ?? 'char');
  const unknown = [...new Set(tokens.filter((t) => !index.has(t)))];
  if (unknown.length === 0) return null;
  const what = word
    ? unknown.length === 1
      ? 'word'
      : 'words'
    : unknown.length === 1
      ? 'character'
      : 'characters';
  const known = unknown.filter((t) => index.has(t.toLowerCase())).map((t) => JSON.stringify(t.toLowerCase()));
  const hint = !word && known.length > 0 ? ` (it knows lower-case ${known.join(', ')})` : '';
  const instead = word
    ? `reads ${unknown.length === 1 ? 'it' : 'each'} as <unk>`
    : `skips ${unknown.length === 1 ? 'it' : 'them'}, so it reads ${JSON.stringify(tokens.filter((t) => index.has(t)).join(''))}`;
  return {
    unknown,
    message: `The model never saw the ${what} ${quoteAll(unknown)}${hint}: it ${instead}.`,
  };
}

/** The ids a typed prefix stands for: a new item (after the data's end marker, where it has one). */
export function contextIds(voc: Vocabulary, prefix: string): number[] {
  const start = voc.endToken !== undefined ? requireVocab(voc).indexOf(voc.endToken) : -1;
  return [...(start >= 0 ? [start] : []), ...encode(prefix, voc)];
}

function requireVocab(voc: Vocabulary): string[] {
  if (!voc.vocab || voc.vocab.length === 0)
    throw new Error('this dataset has no vocabulary: it is not made of tokens');
  return voc.vocab;
}

/** Writes ids (left-aligned, the rest padding id 0) into row 0 of a [1, T] or one-hot [1, T, V] input. */
function tokenInput(model: InferenceModel, ids: readonly number[]): Tensor {
  const [t, width] = model.inputShape;
  const oneHot = model.inputShape.length === 2;
  const data = allocArray(model.dtype, sizeOf(model.inputShape));
  for (let i = 0; i < t; i++) {
    const id = i < ids.length ? ids[i] : 0;
    if (oneHot) {
      if (i < ids.length && id < width) data[i * width + id] = 1;
    } else data[i] = id;
  }
  return { shape: [1, ...model.inputShape], data };
}

/**
 * Next-token probabilities [K] after the ids: the prefix is placed at the start of the window and the
 * output at its last position is read, which for a left-to-right model depends on the prefix only.
 * Longer prefixes keep their last T tokens.
 */
export function nextTokenProbs(model: InferenceModel, ids: readonly number[]): Float64Array {
  const t = model.inputShape[0];
  const recent = ids.length > t ? ids.slice(ids.length - t) : ids;
  if (recent.length === 0) throw new Error('the prefix has no known tokens: type at least one');
  const out = model.forward(tokenInput(model, recent));
  const k = model.outputShape[model.outputShape.length - 1];
  const at = model.outputShape.length === 2 ? (recent.length - 1) * k : 0;
  return Float64Array.from(out.data.subarray(at, at + k));
}

/** One row of a next-token table. */
export interface TokenProb {
  token: string;
  prob: number;
}

/** The k most likely next tokens after a text prefix, most likely first (the lecture's top-5 table). */
export function topKNext(model: InferenceModel, voc: Vocabulary, prefix: string, k = 5): TokenProb[] {
  const vocab = requireVocab(voc);
  const p = nextTokenProbs(model, contextIds(voc, prefix));
  const ids = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
  return ids.slice(0, k).map((id) => ({ token: vocab[id] ?? `#${id}`, prob: p[id] }));
}

/** Draws an id from probs sharpened (T < 1) or flattened (T > 1) by temperature: p^(1/T), renormalized. */
export function sampleIndex(probs: ArrayLike<number>, temperature: number, rng: Rng): number {
  if (temperature <= 0) {
    let best = 0;
    for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
    return best;
  }
  // Work with log p so that small temperatures do not underflow every weight to 0.
  const logits = Array.from(probs, (p) => (p > 0 ? Math.log(p) / temperature : Number.NEGATIVE_INFINITY));
  const max = Math.max(...logits);
  const w = logits.map((l) => Math.exp(l - max));
  let total = 0;
  for (const x of w) total += x;
  let u = rng.next() * total;
  for (let i = 0; i < w.length; i++) {
    u -= w[i];
    if (u < 0) return i;
  }
  return w.length - 1;
}

/** Options of sample(); the defaults come from the vocabulary (its end marker and padding id). */
export interface SampleOptions {
  /** stop after generating this token (not included in the result); default: the data's end marker */
  stop?: string;
  /** token ids never to generate; default: the padding id when the data has one, else none */
  exclude?: number[];
}

/**
 * Generates up to `length` tokens after the prefix; returns the generated text only. Where the data
 * has an end marker ("." between names), the prefix is read as the start of a new item (the marker
 * goes in front, as in training) and sampling stops when the model ends the item.
 */
export function sample(
  model: InferenceModel,
  voc: Vocabulary,
  prefix: string,
  length: number,
  temperature: number,
  rng: Rng,
  opts: SampleOptions = {},
): string {
  const vocab = requireVocab(voc);
  const stop = opts.stop ?? voc.endToken;
  const exclude = opts.exclude ?? (voc.padId !== undefined ? [voc.padId] : []);
  const ids = contextIds(voc, prefix);
  const out: string[] = [];
  const sep = voc.tokenizer === 'word' ? ' ' : '';
  for (let i = 0; i < length; i++) {
    const p = nextTokenProbs(model, ids);
    for (const e of exclude) if (e < p.length) p[e] = 0;
    const id = sampleIndex(p, temperature, rng);
    if (stop !== undefined && vocab[id] === stop) break;
    out.push(vocab[id] ?? '');
    ids.push(id);
  }
  return out.join(sep);
}

/** Class probabilities over a grid of 2D points. */
export interface DecisionGrid {
  resolution: number;
  /** values per point: K for a softmax output, 1 (probability of class 1) for a sigmoid output */
  classes: number;
  /** [resolution (y), resolution (x), classes], row-major; row 0 is the lowest y */
  probs: Float32Array;
}

/**
 * Evaluates a 2-input classifier at the centres of a resolution x resolution grid of cells covering
 * xRange x yRange (rows go up in y, columns right in x), in one batch per row.
 */
export function decisionGrid(
  model: InferenceModel,
  xRange: [number, number],
  yRange: [number, number],
  resolution: number,
): DecisionGrid {
  if (model.inputShape.length !== 1 || model.inputShape[0] !== 2) {
    throw new Error(
      `a decision grid needs a model with 2 inputs (x, y); this one takes [${model.inputShape.join(', ')}]`,
    );
  }
  const res = Math.max(1, Math.floor(resolution));
  const classes = sizeOf(model.outputShape);
  const probs = new Float32Array(res * res * classes);
  const row: Tensor = { shape: [res, 2], data: allocArray(model.dtype, res * 2) };
  const dx = (xRange[1] - xRange[0]) / res;
  const dy = (yRange[1] - yRange[0]) / res;
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      row.data[2 * c] = xRange[0] + (c + 0.5) * dx;
      row.data[2 * c + 1] = yRange[0] + (r + 0.5) * dy;
    }
    probs.set(model.forward(row).data.subarray(0, res * classes), r * res * classes);
  }
  return { resolution: res, classes, probs };
}

/**
 * What a text classifier says about a typed text: [P(class 1)] for a sigmoid output, the probability
 * of every class for a softmax output. The text is encoded as the datasets encode it: lower-cased
 * words, unknown words as <unk>, the first T words kept and shorter texts padded in front.
 */
export function classifyText(model: InferenceModel, voc: Vocabulary, text: string): number[] {
  const t = model.inputShape[0];
  const ids = new Int32Array(t);
  encodeWords(tokenizeWords(text), vocabIndex(requireVocab(voc)), t, ids, 0);
  const [, width] = model.inputShape;
  const oneHot = model.inputShape.length === 2;
  const data = allocArray(model.dtype, sizeOf(model.inputShape));
  for (let i = 0; i < t; i++) {
    if (!oneHot) data[i] = ids[i];
    else if (ids[i] < width) data[i * width + ids[i]] = 1;
  }
  const out = model.forward({ shape: [1, ...model.inputShape], data });
  return Array.from(out.data.subarray(0, sizeOf(model.outputShape)));
}
