// The lecture's next-token table over a text (Karpathy's figure): under each token of the text, the
// model's top-5 next tokens with their probabilities, the true next token's probability and rank, the
// position's loss -log p(true next), and the text's perplexity exp(mean loss). Each position reads
// nextTokenProbs for the prefix up to it, the same call inference's top-k uses, so the table and the
// "Try it" panel can never disagree.
import type { Dataset } from '../data/types.ts';
import {
  contextIds,
  encode,
  type InferenceModel,
  nextTokenProbs,
  tokenize,
  type Vocabulary,
} from '../train/inference.ts';
import { vocabIndex } from '../data/tokens.ts';

/** One column of the table: a token of the text and what the model expects after it. */
export interface LmRow {
  token: string;
  /** the model's k most likely next tokens, most likely first */
  top: { token: string; prob: number }[];
  /** the text's actual next token (absent at the last position) */
  next?: string;
  /** p(next) under the model */
  nextProb?: number;
  /** 1-based rank of `next` in the top list, 0 when it is not there */
  nextRank?: number;
  /** -ln p(next), in nats */
  loss?: number;
}

/** The whole table. */
export interface LmTable {
  rows: LmRow[];
  /** exp(mean loss) over the positions that have a next token; null with fewer than two tokens */
  perplexity: number | null;
  /** tokens of the text the vocabulary does not know (left out of the table) */
  unknown: string[];
  /** true when the text was longer than `maxTokens` and was cut */
  truncated: boolean;
}

/** Longest text the table takes (one forward per token). */
export const LM_TABLE_MAX_TOKENS = 160;

/** The next-token table of `text` under `model` (k per position). */
export function lmTable(
  model: InferenceModel,
  voc: Vocabulary,
  text: string,
  k = 5,
  maxTokens = LM_TABLE_MAX_TOKENS,
): LmTable {
  const vocab = voc.vocab;
  if (!vocab?.length)
    throw new Error('this model was not trained on tokens: the table needs a language model');
  const index = vocabIndex(vocab);
  const unknown = tokenize(text, voc.tokenizer ?? 'char').filter((t) => !index.has(t));
  let ids = encode(text, voc);
  const truncated = ids.length > maxTokens;
  if (truncated) ids = ids.slice(0, maxTokens);
  // a typed text starts a new item, as in "Try it" (after the data's end marker, where it has one)
  const start = contextIds(voc, '');
  const rows: LmRow[] = [];
  let lossSum = 0;
  for (let i = 0; i < ids.length; i++) {
    const p = nextTokenProbs(model, [...start, ...ids.slice(0, i + 1)]);
    const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
    const top = order.slice(0, k).map((id) => ({ token: vocab[id] ?? `#${id}`, prob: p[id] }));
    const row: LmRow = { token: vocab[ids[i]], top };
    if (i + 1 < ids.length) {
      const nid = ids[i + 1];
      row.next = vocab[nid];
      row.nextProb = p[nid];
      const rank = order.indexOf(nid);
      row.nextRank = rank < k ? rank + 1 : 0;
      row.loss = -Math.log(Math.max(p[nid], 1e-300));
      lossSum += row.loss;
    }
    rows.push(row);
  }
  const perplexity = ids.length > 1 ? Math.exp(lossSum / (ids.length - 1)) : null;
  return { rows, perplexity, unknown: [...new Set(unknown)], truncated };
}

/** A line of the model's own data: the first window's tokens and its last target, as text. */
export function defaultLmText(d: Dataset): string {
  const vocab = d.vocab ?? [];
  const n = d.x.shape[0];
  if (n === 0 || vocab.length === 0 || d.y.shape.length !== 2) return '';
  const T = d.y.shape[1];
  const oneHot = d.x.shape.length === 3;
  const first = oneHot ? argmaxRow(d.x.data, 0, d.x.shape[2]) : Math.round(d.x.data[0]);
  const ids = [first, ...Array.from(d.y.data.subarray(0, T), (v) => Math.round(v))];
  return ids.map((id) => vocab[id] ?? '').join(d.tokenizer === 'word' ? ' ' : '');
}

function argmaxRow(a: ArrayLike<number>, from: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (a[from + j] > a[from + best]) best = j;
  return best;
}
