// The six benchmark models of the performance issue, as graphs of our own format (the TensorFlow.js
// peer builds its model from the same graph, so the architectures cannot drift apart), plus a
// seeded synthetic dataset shaped for each. Batch 32, Adam lr 0.001, default initializers
// (glorot-uniform kernels, orthogonal recurrent kernels, uniform embeddings, zero biases).
import type { Graph } from '../../graph-schema/schema.ts';
import type { Dataset, TaskKind } from '../data/types.ts';
import { Rng } from '../random.ts';
import { zeros } from '../tensor.ts';

/** The model names `bench --model NAME` accepts, in run order. */
export const BENCH_MODEL_NAMES = ['mlp', 'srnn', 'lstm32', 'charlm', 'imdb50', 'imdb200'] as const;
export type BenchModelName = (typeof BENCH_MODEL_NAMES)[number];

/** One benchmark model: its graph and how to make data for it. */
export interface BenchModel {
  name: BenchModelName;
  /** what it is, in words (one table row) */
  what: string;
  graph: Graph;
  /** timed steps by default (expensive models get fewer) */
  repeats: number;
  /** a seeded dataset of `rows` rows for this graph */
  data(rows: number): Dataset;
}

export const BENCH_BATCH = 32;

type NodeSpec = { id: string; type: string; params: Record<string, unknown> };

/** A chain graph in1 -> ... with Adam(0.001), batch 32, no validation rows (every row trains). */
function chainGraph(name: string, nodes: NodeSpec[]): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name,
    nodes: nodes.map((n, i) => ({ ...n, position: { x: 200 * i, y: 0 } })),
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i + 1}`, source: nodes[i].id, target: n.id })),
    training: {
      dataset: { id: 'builtin:spirals', options: {} },
      loss: 'auto',
      optimizer: { type: 'adam', lr: 0.001 },
      batchSize: BENCH_BATCH,
      epochs: 1,
      clip: null,
      seed: 1,
      validationSplit: 0,
    },
  } as unknown as Graph;
}

/** A dataset of random rows: x from `xOf`, y from `yOf` (per row), of the task. */
function synthetic(
  task: TaskKind,
  rows: number,
  xShape: number[],
  yShape: number[],
  xOf: (rng: Rng, i: number) => number,
  yOf: (rng: Rng) => number,
  numClasses?: number,
): Dataset {
  const rng = new Rng(7);
  const x = zeros([rows, ...xShape]);
  const y = zeros([rows, ...yShape]);
  for (let i = 0; i < x.data.length; i++) x.data[i] = xOf(rng, i);
  for (let i = 0; i < y.data.length; i++) y.data[i] = yOf(rng);
  const d: Dataset = { id: 'bench:synthetic', description: 'random rows for the benchmark', task, x, y };
  if (numClasses !== undefined) d.numClasses = numClasses;
  return d;
}

/** One-hot sequences [T, V]: a random token per step. */
function oneHotSeq(rows: number, T: number, V: number, classes: number): Dataset {
  const rng = new Rng(7);
  const ds = synthetic('classification', rows, [T, V], [], () => 0, (r) => r.int(classes), classes);
  for (let r = 0; r < rows * T; r++) ds.x.data[r * V + rng.int(V)] = 1;
  return ds;
}

function recurrentOneHot(name: BenchModelName, type: 'RNN' | 'LSTM', what: string): BenchModel {
  const T = 50;
  const V = 8;
  return {
    name,
    what,
    repeats: 15,
    graph: chainGraph(name, [
      { id: 'in', type: 'Input', params: { shape: [T, V], dtype: 'float32' } },
      { id: 'rec', type, params: { units: 32, ...(type === 'RNN' ? { activation: 'tanh' } : {}) } },
      { id: 'out', type: 'Dense', params: { units: V } },
      { id: 'sm', type: 'Softmax', params: {} },
    ]),
    data: (rows) => oneHotSeq(rows, T, V, V),
  };
}

function imdb(name: BenchModelName, T: number, repeats: number): BenchModel {
  const vocab = 20000;
  return {
    name,
    what: `seed classifier: Embedding(20000,128) -> BiLSTM(64, seq) -> BiLSTM(64) -> Dense(1, sigmoid), T=${T}`,
    repeats,
    graph: chainGraph(name, [
      { id: 'in', type: 'Input', params: { shape: [T], dtype: 'int32' } },
      { id: 'emb', type: 'Embedding', params: { vocabSize: vocab, dim: 128 } },
      { id: 'lstm1', type: 'LSTM', params: { units: 64, returnSequences: true, bidirectional: true } },
      { id: 'lstm2', type: 'LSTM', params: { units: 64, bidirectional: true } },
      { id: 'out', type: 'Dense', params: { units: 1, activation: 'sigmoid' } },
    ]),
    // token ids skewed toward frequent words, as in text (a Zipf-like draw)
    data: (rows) =>
      synthetic(
        'binary',
        rows,
        [T],
        [1],
        (r) => Math.min(vocab - 1, Math.floor(vocab ** r.uniform(0, 1)) - 1),
        (r) => r.int(2),
      ),
  };
}

/** All six models, in run order. */
export function benchModels(): BenchModel[] {
  const charT = 64;
  const charV = 64;
  return [
    {
      name: 'mlp',
      what: 'MLP 2-64-64-2 (relu, softmax)',
      repeats: 41,
      graph: chainGraph('mlp', [
        { id: 'in', type: 'Input', params: { shape: [2], dtype: 'float32' } },
        { id: 'd1', type: 'Dense', params: { units: 64, activation: 'relu' } },
        { id: 'd2', type: 'Dense', params: { units: 64, activation: 'relu' } },
        { id: 'out', type: 'Dense', params: { units: 2 } },
        { id: 'sm', type: 'Softmax', params: {} },
      ]),
      data: (rows) => synthetic('classification', rows, [2], [], (r) => r.uniform(-1, 1), (r) => r.int(2), 2),
    },
    recurrentOneHot('srnn', 'RNN', 'SimpleRNN(32), one-hot 8, T=50'),
    recurrentOneHot('lstm32', 'LSTM', 'LSTM(32), one-hot 8, T=50'),
    {
      name: 'charlm',
      what: 'char LM: Embedding(64,32) -> LSTM(128, seq) -> Dense(64) softmax, T=64',
      repeats: 9,
      graph: chainGraph('charlm', [
        { id: 'in', type: 'Input', params: { shape: [charT], dtype: 'int32' } },
        { id: 'emb', type: 'Embedding', params: { vocabSize: charV, dim: 32 } },
        { id: 'lstm', type: 'LSTM', params: { units: 128, returnSequences: true } },
        { id: 'out', type: 'Dense', params: { units: charV } },
        { id: 'sm', type: 'Softmax', params: {} },
      ]),
      data: (rows) =>
        synthetic(
          'language-model',
          rows,
          [charT],
          [charT],
          (r) => r.int(charV),
          (r) => r.int(charV),
          charV,
        ),
    },
    imdb('imdb50', 50, 7),
    imdb('imdb200', 200, 5),
  ];
}
