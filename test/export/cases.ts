// The graphs the PyTorch round-trip covers: every example (the seed IMDb model as a structurally
// identical small variant), and generated graphs for every layer kind and variant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../../graph-schema/schema.ts';
import { chainOf, graphOf } from './helpers.ts';

/** One round-trip case: a graph and, for token inputs, the vocabulary to draw ids from. */
export interface RoundTripCase {
  name: string;
  graph: Graph;
  vocab?: number;
}

const EXAMPLES = join(import.meta.dirname, '../../examples');

/** Examples whose weights file would be too big to round-trip quickly (parameters). */
const MAX_EXAMPLE_PARAMS = 200_000;

/** The seed IMDb model at a small size: same nodes, ids, wiring and training section. */
export function smallImdb(): Graph {
  const seed = JSON.parse(readFileSync(join(EXAMPLES, 'seed-imdb-bilstm.json'), 'utf8')) as Graph;
  return chainOf(
    [
      ['in', 'Input', { shape: [12], dtype: 'int32' }],
      ['emb', 'Embedding', { vocabSize: 50, dim: 8 }],
      ['lstm1', 'LSTM', { units: 6, returnSequences: true, bidirectional: true }],
      ['lstm2', 'LSTM', { units: 6, bidirectional: true }],
      ['out', 'Dense', { units: 1, activation: 'sigmoid' }],
    ],
    seed.training as Record<string, unknown>,
  );
}

/** The examples small enough to round-trip, and those whose Embedding table is too big. */
function exampleCases(): { cases: RoundTripCase[]; tooBig: string[] } {
  const cases: RoundTripCase[] = [];
  const tooBig: string[] = [];
  for (const file of readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const graph = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Graph;
    const emb = graph.nodes.find((n) => n.type === 'Embedding');
    const vocab = emb?.type === 'Embedding' ? emb.params.vocabSize : undefined;
    const big = graph.nodes.some(
      (n) => n.type === 'Embedding' && n.params.vocabSize * n.params.dim > MAX_EXAMPLE_PARAMS,
    );
    if (big) tooBig.push(file);
    else cases.push({ name: `example ${file}`, graph, vocab });
  }
  return { cases, tooBig };
}

const RECURRENT_VARIANTS: [string, string, Record<string, unknown>][] = [
  ['rnn-tanh', 'RNN', { activation: 'tanh' }],
  ['rnn-relu', 'RNN', { activation: 'relu' }],
  ['rnn-sigmoid', 'RNN', { activation: 'sigmoid' }],
  ['lstm-standard', 'LSTM', { variant: 'standard' }],
  ['lstm-standard-fb0.5', 'LSTM', { variant: 'standard', forgetBias: 0.5 }],
  ['lstm-peephole', 'LSTM', { variant: 'peephole' }],
  ['lstm-prototype', 'LSTM', { variant: 'prototype' }],
  ['gru', 'GRU', {}],
];

/** Input [T=5, F=3] -> recurrent(H=4) as the output, in every variant, direction and output mode. */
function recurrentCases(): RoundTripCase[] {
  const cases: RoundTripCase[] = [];
  for (const [label, type, extra] of RECURRENT_VARIANTS) {
    for (const bidirectional of [false, true]) {
      for (const returnSequences of [false, true]) {
        const name = `${label}${bidirectional ? '-bi' : ''}${returnSequences ? '-seq' : '-last'}`;
        const graph = chainOf([
          ['in', 'Input', { shape: [5, 3] }],
          ['rec', type, { units: 4, returnSequences, bidirectional, ...extra }],
        ]);
        cases.push({ name, graph });
      }
    }
  }
  return cases;
}

/** Dense in every activation, without bias, on sequences, and the merges. */
function denseAndMergeCases(): RoundTripCase[] {
  const acts = ['identity', 'relu', 'sigmoid', 'tanh'].map(
    (activation): RoundTripCase => ({
      name: `dense-${activation}`,
      graph: chainOf([
        ['in', 'Input', { shape: [4] }],
        ['d', 'Dense', { units: 3, activation }],
      ]),
    }),
  );
  return [
    ...acts,
    {
      name: 'dense-no-bias-sigmoid-output',
      graph: chainOf([
        ['in', 'Input', { shape: [4] }],
        ['hidden', 'Dense', { units: 5, activation: 'tanh', useBias: false }],
        ['out', 'Dense', { units: 1, activation: 'sigmoid' }],
      ]),
    },
    {
      name: 'dense-on-sequence-softmax',
      graph: chainOf([
        ['in', 'Input', { shape: [6], dtype: 'int32' }],
        ['emb', 'Embedding', { vocabSize: 9, dim: 4 }],
        ['gru', 'GRU', { units: 5, returnSequences: true }],
        ['logits', 'Dense', { units: 9 }],
        ['probs', 'Softmax'],
      ]),
      vocab: 9,
    },
    {
      // ids that are Python keywords / nn.Module attributes, a dash, and three-way Concat + Add
      name: 'merges-and-awkward-ids',
      graph: graphOf(
        [
          ['in', 'Input', { shape: [4, 3] }],
          ['train', 'GRU', { units: 3, returnSequences: true, bidirectional: true }],
          ['lstm-a', 'LSTM', { units: 3, variant: 'peephole', returnSequences: true }],
          ['float', 'Dense', { units: 6, activation: 'relu' }],
          ['class', 'Add'],
          ['x', 'Concat'],
          ['forward', 'RNN', { units: 2, activation: 'sigmoid', bidirectional: true }],
          ['out', 'Dense', { units: 3 }],
          ['probs', 'Softmax'],
        ],
        [
          ['in', 'train'],
          ['in', 'lstm-a'],
          ['in', 'float'],
          ['float', 'class'],
          ['train', 'class'],
          ['class', 'x'],
          ['lstm-a', 'x'],
          ['train', 'x'],
          ['x', 'forward'],
          ['forward', 'out'],
          ['out', 'probs'],
        ],
      ),
    },
  ];
}

/** Dropout (eval in predict: the identity), LayerNorm, SelfAttention in every mode, PositionalEmbedding. */
function attentionAndNormCases(): RoundTripCase[] {
  const attention: RoundTripCase[] = [];
  for (const causal of [false, true]) {
    for (const returnSequences of [false, true]) {
      attention.push({
        name: `self-attention${causal ? '-causal' : ''}${returnSequences ? '-seq' : '-last'}`,
        graph: chainOf([
          ['in', 'Input', { shape: [5, 3] }],
          ['att', 'SelfAttention', { units: 4, causal, returnSequences }],
        ]),
      });
    }
  }
  return [
    ...attention,
    {
      name: 'dropout-layernorm-mlp',
      graph: chainOf([
        ['in', 'Input', { shape: [4] }],
        ['hidden', 'Dense', { units: 6, activation: 'relu' }],
        ['norm', 'LayerNorm', { eps: 1e-3 }],
        ['drop', 'Dropout', { rate: 0.3 }],
        ['out', 'Dense', { units: 3 }],
        ['probs', 'Softmax'],
      ]),
    },
    {
      name: 'tiny-attention-lm',
      graph: chainOf([
        ['in', 'Input', { shape: [6], dtype: 'int32' }],
        ['emb', 'Embedding', { vocabSize: 9, dim: 4 }],
        ['pos', 'PositionalEmbedding'],
        ['att', 'SelfAttention', { units: 4, causal: true }],
        ['norm', 'LayerNorm'],
        ['logits', 'Dense', { units: 9 }],
        ['probs', 'Softmax'],
      ]),
      vocab: 9,
    },
  ];
}

/** Every round-trip case, and the examples left to the small IMDb variant. */
export function roundTripCases(): { cases: RoundTripCase[]; tooBig: string[] } {
  const ex = exampleCases();
  const cases = [
    ...ex.cases,
    { name: 'small seed-imdb-bilstm', graph: smallImdb(), vocab: 50 },
    ...recurrentCases(),
    ...denseAndMergeCases(),
    ...attentionAndNormCases(),
  ];
  return { cases, tooBig: ex.tooBig };
}
