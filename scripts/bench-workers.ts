// One worker or two (engine/parallel), in Node: for each benchmark model (engine/bench/models.ts,
// batch 32) three trainers step in turn, round by round so load hits them alike: 'whole' (every
// batch in one pass, as before batches were split), 'split-1' (this thread computes both shards: the
// default on one worker) and 'split-2' (a worker_threads shard worker computes the second half).
// Prints wall ms per step (medians, min, max), steps/s and the ratios. A benchmark, never a test.
//   node --import tsx scripts/bench-workers.ts [--model NAME]... [--rounds N] [--json]
import { parseArgs } from 'node:util';
import { spawnNodePeer } from '../cli/parallel/node-peer.ts';
import { benchModels } from '../engine/bench/models.ts';
import { median } from '../engine/bench/timing.ts';
import { compileModel } from '../engine/model.ts';
import { splitsBatch } from '../engine/parallel/plan.ts';
import { startShardPeer } from '../engine/parallel/remote.ts';
import type { ShardRunner } from '../engine/parallel/shards.ts';
import { createTrainer, type Trainer } from '../engine/train/trainer.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    rounds: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const VARIANTS = ['whole', 'split-1', 'split-2'] as const;
type Variant = (typeof VARIANTS)[number];

async function trainers(name: string) {
  const m = benchModels().find((b) => b.name === name);
  if (!m) throw new Error(`unknown model ${name}`);
  const data = m.data(32 * 16);
  const seed = m.graph.training!.seed;
  const make = async (v: Variant): Promise<{ t: Trainer; peer?: ShardRunner }> => {
    const model = compileModel(m.graph, { seed });
    let peer: ShardRunner | undefined;
    if (v === 'split-2')
      peer = await startShardPeer(model, { batchRows: 32, seed, data, spawn: spawnNodePeer });
    const t = createTrainer(m.graph, data, {
      model,
      peer,
      split: v !== 'whole',
      instrumentEvery: Number.POSITIVE_INFINITY,
      epochs: 1e6,
    });
    return { t, peer };
  };
  const splits = splitsBatch(compileModel(m.graph, { seed }), 32);
  return {
    m,
    splits,
    runs: { whole: await make('whole'), 'split-1': await make('split-1'), 'split-2': await make('split-2') },
  };
}

const names = values.model ?? ['mlp', 'srnn', 'lstm32', 'charlm', 'imdb50', 'imdb200'];
const results = [];
for (const name of names) {
  const { m, splits, runs } = await trainers(name);
  const rounds = Number(values.rounds ?? Math.max(5, Math.min(40, m.repeats)));
  const times: Record<Variant, number[]> = { whole: [], 'split-1': [], 'split-2': [] };
  for (let r = -3; r < rounds; r++) {
    // rotate the order each round so no variant always runs right after another
    for (let k = 0; k < 3; k++) {
      const v = VARIANTS[(r + 3 + k) % 3];
      const t0 = performance.now();
      runs[v].t.step(1);
      const ms = performance.now() - t0;
      if (r >= 0) times[v].push(ms);
    }
  }
  const losses = VARIANTS.map((v) => runs[v].t.snapshot().loss);
  for (const v of VARIANTS) runs[v].peer?.close();
  const stats = Object.fromEntries(
    VARIANTS.map((v) => [
      v,
      { msMedian: median(times[v]), msMin: Math.min(...times[v]), msMax: Math.max(...times[v]) },
    ]),
  ) as Record<Variant, { msMedian: number; msMin: number; msMax: number }>;
  results.push({
    model: name,
    splits,
    rounds,
    ...stats,
    stepsPerSecond: Object.fromEntries(VARIANTS.map((v) => [v, 1000 / stats[v].msMedian])),
    // > 1 = faster than whole batches on one worker
    speedupTwoWorkers: stats.whole.msMedian / stats['split-2'].msMedian,
    splitOneWorkerCost: stats['split-1'].msMedian / stats.whole.msMedian,
    sameBitsOneVsTwo: losses[1] === losses[2],
  });
}
if (values.json)
  console.log(JSON.stringify({ cpus: (await import('node:os')).availableParallelism(), results }, null, 1));
else {
  const f = (x: number) => x.toFixed(x < 10 ? 2 : 1);
  console.log('model    split  whole ms  split-1 ms  split-2 ms  whole/split-2  split-1/whole  same bits');
  for (const r of results) {
    console.log(
      `${r.model.padEnd(8)} ${String(r.splits).padEnd(6)} ${f(r.whole.msMedian).padStart(8)}  ${f(r['split-1'].msMedian).padStart(10)}  ${f(r['split-2'].msMedian).padStart(10)}  ${r.speedupTwoWorkers.toFixed(2).padStart(13)}  ${r.splitOneWorkerCost.toFixed(2).padStart(13)}  ${r.sameBitsOneVsTwo}`,
    );
  }
}
