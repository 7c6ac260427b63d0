// The next-token table for a fixed character LSTM and text: every position's top-5 and probabilities
// equal inference's topKNext for the same prefix and predict's output row for the whole text; the
// loss column is -ln p(true next) and the perplexity is exp of their mean.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../graph-schema/schema.ts';
import { NAMES_VOCAB } from '../../../engine/data/builtin/text.ts';
import type { Dataset } from '../../../engine/data/types.ts';
import { compileModel } from '../../../engine/model.ts';
import { encode, predict, topKNext } from '../../../engine/train/inference.ts';
import { defaultLmText, lmTable } from '../../../engine/views/lmtable.ts';

const T = 12;
const V = NAMES_VOCAB.length;
const graph = {
  format: 'backprop-studio.graph',
  version: 1,
  nodes: [
    { id: 'chars', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [T], dtype: 'int32' } },
    { id: 'emb', type: 'Embedding', position: { x: 0, y: 0 }, params: { vocabSize: V, dim: 6 } },
    { id: 'lstm', type: 'LSTM', position: { x: 0, y: 0 }, params: { units: 10, returnSequences: true } },
    { id: 'logits', type: 'Dense', position: { x: 0, y: 0 }, params: { units: V } },
    { id: 'next', type: 'Softmax', position: { x: 0, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e1', source: 'chars', target: 'emb' },
    { id: 'e2', source: 'emb', target: 'lstm' },
    { id: 'e3', source: 'lstm', target: 'logits' },
    { id: 'e4', source: 'logits', target: 'next' },
  ],
  training: { dataset: { id: 'builtin:names' }, loss: 'auto', optimizer: { type: 'adam', lr: 0.01 } },
} as unknown as Graph;
const voc = { vocab: NAMES_VOCAB, tokenizer: 'char' as const };

describe('next-token table', () => {
  it("top-5 and probabilities equal topKNext's and predict's; loss and perplexity are exact", () => {
    const m = compileModel(graph, { seed: 4 });
    // sharper weights than the init so the top-5 is not a near-tie
    for (const p of m.params) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] *= 3;
    const text = 'anna.bob.ed';
    const t = lmTable(m, voc, text);
    expect(t.rows.map((r) => r.token).join('')).toBe(text);
    const ids = encode(text, voc);
    const x = { shape: [1, T], data: new Float32Array(T) };
    x.data.set(ids);
    const out = predict(m, x); // [1, T, V]
    let sum = 0;
    t.rows.forEach((row, i) => {
      const want = topKNext(m, voc, text.slice(0, i + 1), 5);
      expect(row.top.map((c) => c.token)).toEqual(want.map((c) => c.token));
      row.top.forEach((c, j) => {
        expect(c.prob).toBe(want[j].prob);
      });
      const probs = Array.from(out.data.subarray(i * V, (i + 1) * V));
      const sorted = probs.map((p, id) => ({ id, p })).sort((a, b) => b.p - a.p || a.id - b.id);
      expect(row.top.map((c) => c.token)).toEqual(sorted.slice(0, 5).map((s) => NAMES_VOCAB[s.id]));
      row.top.forEach((c, j) => {
        expect(c.prob).toBeCloseTo(sorted[j].p, 6);
      });
      if (i + 1 < text.length) {
        const pn = probs[ids[i + 1]];
        expect(row.next).toBe(text[i + 1]);
        expect(row.loss!).toBeCloseTo(-Math.log(pn), 5);
        const rank = sorted.findIndex((s) => s.id === ids[i + 1]);
        expect(row.nextRank).toBe(rank < 5 ? rank + 1 : 0);
        sum += -Math.log(pn);
      } else expect(row.next).toBeUndefined();
    });
    expect(t.perplexity!).toBeCloseTo(Math.exp(sum / (text.length - 1)), 4);
    expect(t.rows.some((r) => r.nextRank && r.nextRank > 0)).toBe(true);
  });

  it("with the data's end marker, each prefix is read as a new name, exactly as topKNext reads it", () => {
    const m = compileModel(graph, { seed: 4 });
    for (const p of m.params) for (let i = 0; i < p.value.data.length; i++) p.value.data[i] *= 3;
    const marked = { ...voc, endToken: '.' };
    const t = lmTable(m, marked, 'maria.');
    t.rows.forEach((row, i) => {
      const want = topKNext(m, marked, 'maria.'.slice(0, i + 1), 5);
      expect(row.top).toEqual(want);
    });
    // and it is a different context from the bare text (the marker changes the first predictions)
    expect(lmTable(m, voc, 'maria.').rows[0].top).not.toEqual(t.rows[0].top);
  });

  it('reports unknown characters, cuts long texts, and builds a default line from the data', () => {
    const m = compileModel(graph, { seed: 4 });
    const t = lmTable(m, voc, 'Ab!c', 5, 2);
    expect(t.unknown).toEqual(['A', '!']);
    expect(t.rows.map((r) => r.token)).toEqual(['b', 'c']);
    expect(lmTable(m, voc, 'abc', 5, 2).truncated).toBe(true);
    const d: Dataset = {
      id: 'x',
      description: '',
      task: 'language-model',
      x: { shape: [1, 3], data: Float32Array.from([1, 2, 3]) },
      y: { shape: [1, 3], data: Float32Array.from([2, 3, 0]) },
      vocab: NAMES_VOCAB,
      tokenizer: 'char',
    };
    expect(defaultLmText(d)).toBe('abc.');
  });
});
