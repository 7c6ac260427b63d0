// The PyTorch export trains the way our engine trains: from the same weights, k full-batch steps
// with the graph's optimizer, loss and clipping give the same weights (float64 on both sides).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph-schema/schema.ts';
import { compileModel } from '../../engine/model.ts';
import { clipGradients, createOptimizer, type OptimizerSpec } from '../../engine/optim/index.ts';
import { Rng } from '../../engine/random.ts';
import { fromArray, type Tensor } from '../../engine/tensor.ts';
import type { WeightsFile } from '../../engine/types.ts';
import {
  chainOf,
  compareTensors,
  type PyJob,
  type PyResult,
  randomBatch,
  randomWeights,
  runPythonJobs,
  tempDir,
  tensorJson,
  writeExport,
  writeJson,
} from './helpers.ts';

const STEPS = 3;

interface TrainCase {
  name: string;
  graph: Graph;
  /** targets for a batch of n rows */
  targets: (n: number, rng: Rng) => Tensor;
  vocab?: number;
}

function training(optimizer: Record<string, unknown>, clip: Record<string, unknown> | null = null) {
  return { dataset: { id: 'builtin:spirals' }, optimizer, clip, batchSize: 'full', epochs: STEPS, seed: 3 };
}

const classes =
  (k: number, perRow = 1) =>
  (n: number, rng: Rng) => {
    const shape = perRow === 1 ? [n] : [n, perRow];
    return fromArray(
      shape,
      Array.from({ length: n * perRow }, () => rng.int(k)),
      'float64',
    );
  };
const floats = (shape: number[]) => (n: number, rng: Rng) =>
  fromArray(
    [n, ...shape],
    Array.from({ length: n * shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)),
    'float64',
  );
const bits =
  (k = 1) =>
  (n: number, rng: Rng) =>
    fromArray(
      [n, k],
      Array.from({ length: n * k }, () => rng.int(2)),
      'float64',
    );

const mlp = (opt: Record<string, unknown>, clip: Record<string, unknown> | null = null) =>
  chainOf(
    [
      ['in', 'Input', { shape: [4] }],
      ['hidden', 'Dense', { units: 5, activation: 'sigmoid' }],
      ['logits', 'Dense', { units: 3 }],
      ['probs', 'Softmax'],
    ],
    training(opt, clip),
  );

const CASES: TrainCase[] = [
  { name: 'mlp sgd', graph: mlp({ type: 'sgd', lr: 0.5 }), targets: classes(3) },
  {
    name: 'mlp momentum',
    graph: mlp({ type: 'momentum', lr: 0.3, momentum: 0.8, dampening: 0.1 }),
    targets: classes(3),
  },
  { name: 'mlp nesterov', graph: mlp({ type: 'nesterov', lr: 0.3, momentum: 0.9 }), targets: classes(3) },
  {
    name: 'mlp adagrad',
    graph: mlp({ type: 'adagrad', lr: 0.2, lrDecay: 0.1, initialAccumulatorValue: 0.1 }),
    targets: classes(3),
  },
  {
    name: 'mlp rmsprop centered',
    graph: mlp({ type: 'rmsprop', lr: 0.05, momentum: 0.5, centered: true }),
    targets: classes(3),
  },
  { name: 'mlp adam', graph: mlp({ type: 'adam', lr: 0.05, beta1: 0.8, beta2: 0.99 }), targets: classes(3) },
  {
    name: 'mlp sgd clip norm',
    graph: mlp({ type: 'sgd', lr: 0.5 }, { type: 'norm', max: 0.05 }),
    targets: classes(3),
  },
  {
    name: 'mlp sgd clip value',
    graph: mlp({ type: 'sgd', lr: 0.5 }, { type: 'value', max: 0.01 }),
    targets: classes(3),
  },
  {
    name: 'char LM: Embedding, LSTM, per-step softmax CE, adam',
    graph: chainOf(
      [
        ['ids', 'Input', { shape: [6], dtype: 'int32' }],
        ['emb', 'Embedding', { vocabSize: 7, dim: 5 }],
        ['lstm', 'LSTM', { units: 6, returnSequences: true }],
        ['logits', 'Dense', { units: 7 }],
        ['next', 'Softmax'],
      ],
      training({ type: 'adam', lr: 0.01 }),
    ),
    targets: classes(7, 6),
    vocab: 7,
  },
  {
    name: 'bidirectional GRU, sigmoid BCE, rmsprop, clip norm',
    graph: chainOf(
      [
        ['in', 'Input', { shape: [5, 3] }],
        ['gru', 'GRU', { units: 4, bidirectional: true }],
        ['out', 'Dense', { units: 1, activation: 'sigmoid' }],
      ],
      training({ type: 'rmsprop', lr: 0.01 }, { type: 'norm', max: 0.1 }),
    ),
    targets: bits(),
  },
  {
    name: 'sigmoid RNN, peephole and prototype LSTM, relu RNN, MSE, momentum',
    graph: chainOf(
      [
        ['in', 'Input', { shape: [4, 3] }],
        ['srnn', 'RNN', { units: 3, activation: 'sigmoid', returnSequences: true }],
        ['peep', 'LSTM', { units: 3, variant: 'peephole', returnSequences: true, bidirectional: true }],
        ['proto', 'LSTM', { units: 3, variant: 'prototype', returnSequences: true }],
        ['rrnn', 'RNN', { units: 3, activation: 'relu' }],
        ['out', 'Dense', { units: 2, activation: 'tanh' }],
      ],
      training({ type: 'momentum', lr: 0.1, momentum: 0.9 }),
    ),
    targets: floats([2]),
  },
  {
    name: 'explicit losses: MSE on a Softmax output',
    graph: chainOf(
      [
        ['in', 'Input', { shape: [4] }],
        ['logits', 'Dense', { units: 3, activation: 'tanh' }],
        ['probs', 'Softmax'],
      ],
      { ...training({ type: 'adam', lr: 0.1 }), loss: 'mse' },
    ),
    targets: floats([3]),
  },
  {
    name: 'explicit losses: multi-label binary cross-entropy on Dense(3, sigmoid)',
    graph: chainOf(
      [
        ['in', 'Input', { shape: [4] }],
        ['out', 'Dense', { units: 3, activation: 'sigmoid' }],
      ],
      { ...training({ type: 'nesterov', lr: 0.5 }), loss: 'binary_crossentropy' },
    ),
    targets: bits(3),
  },
];

/** Our engine: STEPS full-batch updates in float64; the resulting weights. */
function engineTrain(c: TrainCase, w: WeightsFile, x: Tensor, y: Tensor): WeightsFile {
  const model = compileModel(c.graph, { dtype: 'float64', seed: 1 });
  model.setWeights(w);
  const t = model.graph.training!;
  const opt = createOptimizer(t.optimizer as OptimizerSpec, model.params);
  for (let k = 0; k < STEPS; k++) {
    model.lossAndGrads(x, y, { instrument: false });
    clipGradients(model.params, t.clip ?? undefined);
    opt.step();
  }
  return model.getWeights();
}

const dir = tempDir();
const ours = new Map<string, WeightsFile>();
const start = new Map<string, WeightsFile>();
let results: Record<string, PyResult> = {};
let worst = 0;

beforeAll(() => {
  const jobs: PyJob[] = [];
  CASES.forEach((c, i) => {
    const w = randomWeights(c.graph, 300 + i);
    const input = c.graph.nodes.find((n) => n.type === 'Input')!;
    const x = randomBatch(input.params.shape as number[], 6, 400 + i, c.vocab);
    const y = c.targets(6, new Rng(500 + i));
    start.set(c.name, w);
    ours.set(c.name, engineTrain(c, structuredClone(w), x, y));
    const file = writeExport(c.graph, dir, `train${i}`);
    const wFile = writeJson(dir, `train${i}.start.json`, w);
    const data = writeJson(dir, `train${i}.data.json`, { x: tensorJson(x), y: tensorJson(y) });
    const out = `${dir}/train${i}.trained.json`;
    const argv = [
      'train',
      '--data',
      data,
      '--weights',
      wFile,
      '--save-weights',
      out,
      '--dtype',
      'float64',
      '--no-shuffle',
      '--json',
    ];
    jobs.push({ name: c.name, file, argv });
  });
  results = runPythonJobs(jobs, dir);
}, 600_000);

describe('PyTorch export: training matches the engine', () => {
  it.each(CASES.map((c, i) => [c.name, i]))('%s', (name, i) => {
    const r = results[name as string];
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    // one JSON line per epoch; with batchSize "full" an epoch is one step
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { epoch: number; step: number });
    expect(lines.map((l) => l.step)).toEqual([1, 2, 3]);
    const trained = JSON.parse(readFileSync(`${dir}/train${i}.trained.json`, 'utf8')) as WeightsFile;
    const expected = ours.get(name as string)!;
    expect(Object.keys(trained.tensors).sort()).toEqual(Object.keys(expected.tensors).sort());
    let moved = 0;
    for (const [key, t] of Object.entries(expected.tensors)) {
      const cmp = compareTensors(trained.tensors[key], t, 1e-7, 1e-9);
      expect(cmp.ok, `${key}: ${cmp.why}`).toBe(true);
      worst = Math.max(worst, cmp.maxAbs);
      const s = start.get(name as string)!.tensors[key].data;
      moved = Math.max(moved, ...t.data.map((v, j) => Math.abs(v - s[j])));
    }
    // the comparison means something only if training moved the weights well beyond the tolerance
    expect(moved).toBeGreaterThan(1e-4);
  });

  it('reports the worst difference', () => {
    console.log(`PyTorch training vs engine (float64, ${STEPS} steps): max |diff| ${worst}`);
    expect(worst).toBeLessThan(1e-7);
  });
});
