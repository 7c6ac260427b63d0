// Split batches (engine/parallel): the shards' gradients sum to the whole batch's (float64, with
// dropout: the shards draw the batch's mask), and one worker or two give the same bits after
// several steps (a worker_threads peer sharing the weights), instrumentation included.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnNodePeer } from '../../../cli/parallel/node-peer.ts';
import type { Dataset } from '../../../engine/data/types.ts';
import { compileModel } from '../../../engine/model.ts';
import { startShardPeer } from '../../../engine/parallel/remote.ts';
import { LocalShardRunner, ShardedGradients, type ShardRunner } from '../../../engine/parallel/shards.ts';
import { Rng } from '../../../engine/random.ts';
import type { DType } from '../../../engine/tensor.ts';
import { createTrainer } from '../../../engine/train/trainer.ts';
import type { Graph } from '../../../graph-schema/schema.ts';
import { chainGraph } from '../../train/helpers.ts';

const V = 24;
const T = 32;

/** Embedding -> Dropout -> LSTM(96, seq) -> Dense(V) -> Softmax per step: a small char LM. */
function lstmGraph(batchSize: number): Graph {
  return chainGraph(
    { shape: [T], dtype: 'int32' },
    [
      { type: 'Embedding', params: { vocabSize: V, dim: 16 } },
      { type: 'Dropout', params: { rate: 0.3 } },
      { type: 'LSTM', params: { units: 96, returnSequences: true } },
      { type: 'Dense', params: { units: V } },
      { type: 'Softmax' },
    ],
    { optimizer: { type: 'adam', lr: 0.01 }, batchSize, epochs: 3, seed: 5, clip: { type: 'norm', max: 1 } },
  );
}

/** Next-token data: rows of T ids, targets shifted by one. */
function tokens(n: number, seed = 2): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n * T);
  const y = new Float32Array(n * T);
  for (let i = 0; i < n; i++) {
    let t = rng.int(V);
    for (let j = 0; j < T; j++) {
      x[i * T + j] = t;
      t = (t * 7 + 3 + (rng.next() < 0.2 ? 1 : 0)) % V;
      y[i * T + j] = t;
    }
  }
  return {
    id: 'test:tokens',
    description: 'synthetic next-token rows',
    task: 'language-model',
    x: { shape: [n, T], data: x },
    y: { shape: [n, T], data: y },
    numClasses: V,
  };
}

/** Input[32] -> Dense(1024, tanh) -> Dense(512, relu) -> Dense(4) -> Softmax. */
function mlpGraph(batchSize: number): Graph {
  return chainGraph(
    { shape: [32] },
    [
      { type: 'Dense', params: { units: 1024, activation: 'tanh' } },
      { type: 'Dense', params: { units: 512, activation: 'relu' } },
      { type: 'Dense', params: { units: 4 } },
      { type: 'Softmax' },
    ],
    { optimizer: { type: 'adam', lr: 0.003 }, batchSize, epochs: 2, seed: 9 },
  );
}

function features(n: number, seed = 4): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 32);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < 32; j++) {
      x[i * 32 + j] = rng.uniform(-1, 1);
      s += x[i * 32 + j] * (j % 3 === 0 ? 1 : -0.5);
    }
    y[i] = s > 0.5 ? 0 : s > 0 ? 1 : s > -0.5 ? 2 : 3;
  }
  return {
    id: 'test:features',
    description: 'four classes',
    task: 'classification',
    x: { shape: [n, 32], data: x },
    y: { shape: [n], data: y },
    numClasses: 4,
  };
}

const open: ShardRunner[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

/** Trains `steps` updates with one worker or two; returns the weights' bits and the snapshots. */
async function train(graph: Graph, data: Dataset, workers: 1 | 2, steps: number) {
  const seed = graph.training!.seed;
  const model = compileModel(graph, { seed });
  let peer: ShardRunner | undefined;
  if (workers === 2) {
    const batchRows = graph.training!.batchSize as number;
    peer = await startShardPeer(model, { batchRows, seed, data, spawn: spawnNodePeer });
    open.push(peer);
  }
  const trainer = createTrainer(graph, data, { model, peer });
  expect(trainer.workers).toBe(workers);
  // the batches are split (else one worker or two would trivially agree)
  expect(
    new ShardedGradients(model, new LocalShardRunner(model)).ranges(graph.training!.batchSize as number),
  ).toHaveLength(2);
  const snaps = [];
  for (let i = 0; i < steps; i++) snaps.push(trainer.step(1));
  const weights = model.params.map((p) =>
    Array.from(new Uint32Array(Float32Array.from(p.value.data).buffer)),
  );
  return { snaps, weights, model };
}

describe('a split batch', () => {
  it.each([
    ['the MLP', () => mlpGraph(48), () => features(200)],
    ['the LSTM with Embedding and Dropout', () => lstmGraph(24), () => tokens(100)],
  ])("%s: the two shards give the whole batch's loss and gradients (float64)", (_name, graph, data) => {
    const g = graph();
    const d = data();
    const x = {
      shape: d.x.shape,
      data: Float64Array.from(d.x.data.subarray(0, (32 * d.x.data.length) / d.x.shape[0])),
    };
    x.shape = [32, ...d.x.shape.slice(1)];
    const y = {
      shape: [32, ...d.y.shape.slice(1)],
      data: Float64Array.from(d.y.data.subarray(0, (32 * d.y.data.length) / d.y.shape[0])),
    };
    const dtype: DType = 'float64';
    const whole = compileModel(g, { dtype, seed: 1 });
    const split = compileModel(g, { dtype, seed: 1 });
    const pass = { instrument: true, training: true, step: 3 };
    const a = whole.lossAndGrads(x, y, pass);
    const sharded = new ShardedGradients(split, new LocalShardRunner(split));
    expect(sharded.ranges(32)).toEqual([
      { start: 0, end: 16 },
      { start: 16, end: 32 },
    ]);
    const b = sharded.compute(x, y, pass);
    expect(b.loss).toBeCloseTo(a.loss, 12);
    expect(b.correct).toBe(a.correct);
    expect(b.count).toBe(a.count);
    whole.params.forEach((p, i) => {
      const q = split.params[i].grad.data;
      let worst = 0;
      for (let j = 0; j < q.length; j++) worst = Math.max(worst, Math.abs(q[j] - p.grad.data[j]));
      expect(worst, `${p.nodeId}.${p.name}`).toBeLessThan(1e-12);
    });
    for (const [id, n] of Object.entries(a.report!.edges)) expect(b.report!.edges[id]).toBeCloseTo(n, 12);
    expect(Object.keys(a.report!.timesteps).length + Object.keys(a.report!.edges).length).toBeGreaterThan(2);
    for (const [id, curve] of Object.entries(a.report!.timesteps)) {
      for (let t = 0; t < curve.length; t++) expect(b.report!.timesteps[id][t]).toBeCloseTo(curve[t], 12);
    }
    for (const [id, s] of Object.entries(a.report!.saturation))
      expect(b.report!.saturation[id]).toBeCloseTo(s, 12);
    for (const [id, ps] of Object.entries(a.report!.params)) {
      for (const [name, v] of Object.entries(ps)) expect(b.report!.params[id][name]).toBeCloseTo(v, 12);
    }
  });

  it('stays whole when it is small (a shard would waste more than a core gives back)', () => {
    const m = compileModel(mlpGraph(4));
    const s = new ShardedGradients(m, new LocalShardRunner(m));
    expect(s.ranges(4)).toHaveLength(1);
    expect(s.ranges(48)).toHaveLength(2);
  });
});

describe('one worker or two (worker_threads)', () => {
  it.each([
    ['the MLP', () => mlpGraph(48), () => features(200), 6],
    ['the LSTM with Embedding and Dropout', () => lstmGraph(24), () => tokens(100), 6],
  ])(
    '%s: the same weights, losses and instrumentation bit for bit',
    async (_n, graph, data, steps) => {
      const one = await train(graph(), data(), 1, steps);
      const two = await train(graph(), data(), 2, steps);
      expect(two.snaps.map((s) => s.loss)).toEqual(one.snaps.map((s) => s.loss));
      expect(two.snaps.map((s) => s.accuracy)).toEqual(one.snaps.map((s) => s.accuracy));
      expect(two.snaps.map((s) => s.gradNorm)).toEqual(one.snaps.map((s) => s.gradNorm));
      expect(two.snaps.map((s) => s.gradients)).toEqual(one.snaps.map((s) => s.gradients));
      expect(one.snaps.at(-1)!.gradients).toBeDefined();
      expect(two.weights).toEqual(one.weights);
      // and they trained: the weights moved from the initial ones
      const init = compileModel(graph(), { seed: graph().training!.seed });
      expect(init.params[1].value.data[0]).not.toBe(one.model.params[1].value.data[0]);
    },
    60_000,
  );

  it('a worker that cannot start says so (and the weights still train on one)', async () => {
    const g = mlpGraph(48);
    const model = compileModel(g, { seed: 9 });
    await expect(
      startShardPeer(model, {
        batchRows: 48,
        seed: 9,
        data: features(10),
        spawn: () => Promise.reject(new Error('no workers here')),
      }),
    ).rejects.toThrow('no workers here');
    const t = createTrainer(g, features(200), { model });
    expect(t.workers).toBe(1);
    expect(Number.isFinite(t.step(2).loss)).toBe(true);
  });
});

describe('Ctrl-C with two workers', () => {
  it('the shard worker stops on the shared flag: the step is not applied and the run says where', async () => {
    const g = lstmGraph(24);
    const data = tokens(100);
    const model = compileModel(g, { seed: 5 });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const peer = await startShardPeer(model, {
      batchRows: 24,
      seed: 5,
      data,
      spawn: spawnNodePeer,
      interrupt: flag,
    });
    open.push(peer);
    // this thread's own check never says stop; its first question (before the step) raises the flag,
    // so only the shard worker, which reads the flag, can stop the step
    let asked = 0;
    const interrupt = {
      requested() {
        if (++asked === 1) Atomics.store(flag, 0, 1);
        return false;
      },
    };
    const trainer = createTrainer(g, data, { model, peer, interrupt });
    const before = model.params.map((p) => Float32Array.from(p.value.data));
    const s = trainer.step(1);
    expect(s.status).toBe('stopped');
    expect(trainer.stepCount).toBe(0);
    expect(trainer.interruption?.step).toBe(1);
    expect(trainer.interruption?.place.nodeId).toBeDefined();
    expect(model.params.map((p) => Array.from(p.value.data))).toEqual(before.map((b) => Array.from(b)));
  }, 60_000);
});
