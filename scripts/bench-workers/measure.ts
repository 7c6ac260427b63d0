// The one-worker / two-worker race, shared by Node (worker_threads) and the browser (a module Web
// Worker with a nested shard worker): for each benchmark model (engine/bench/models.ts, batch 32),
// three trainers step in turn, round by round so load hits them alike: 'whole' (every batch in one
// pass, as before batches were split), 'split-1' (this thread computes both shards: the default on
// one worker) and 'split-2' (a second worker computes the second half on the shared weights).
import { benchModels } from '../../engine/bench/models.ts';
import { cpuClock, median } from '../../engine/bench/timing.ts';
import { compileModel } from '../../engine/model.ts';
import { splitsBatch } from '../../engine/parallel/plan.ts';
import { type SpawnPeer, startShardPeer } from '../../engine/parallel/remote.ts';
import type { ShardRunner } from '../../engine/parallel/shards.ts';
import { createTrainer, type Trainer } from '../../engine/train/trainer.ts';

export const VARIANTS = ['whole', 'split-1', 'split-2'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface Stat {
  msMedian: number;
  msMin: number;
  msMax: number;
  /** CPU ms per step of the whole process, all threads (Node only): on a loaded machine the wall
   *  time of two workers says little, the CPU time says what the split costs in total */
  cpuMsMedian?: number;
}

/** One model's race. */
export interface WorkersResult {
  model: string;
  /** whether batches of 32 rows of this model are split at all (else the three run alike) */
  splits: boolean;
  rounds: number;
  ms: Record<Variant, Stat>;
  stepsPerSecond: Record<Variant, number>;
  /** split-2: mean CPU ms per step of the trainer's thread and of the busiest other thread (Linux
   *  /proc, 10 ms ticks summed over the rounds): the critical path an idle second core would give */
  split2Threads?: { mainCpuMs: number; otherCpuMs: number };
  /** whole / split-2 medians: > 1 = two workers are faster than the one-pass path */
  speedupTwoWorkers: number;
  /** split-1 / whole medians: what splitting costs one worker (1 = nothing) */
  splitOneWorkerCost: number;
  /** split-1 and split-2 ended at the same loss bits */
  sameBits: boolean;
}

async function trainerFor(name: string, v: Variant, spawn: SpawnPeer) {
  const m = benchModels().find((b) => b.name === name);
  if (!m) throw new Error(`unknown model ${name}`);
  const data = m.data(32 * 16);
  const seed = m.graph.training!.seed;
  const model = compileModel(m.graph, { seed });
  let peer: ShardRunner | undefined;
  if (v === 'split-2') peer = await startShardPeer(model, { batchRows: 32, seed, data, spawn });
  const t = createTrainer(m.graph, data, {
    model,
    peer,
    split: v !== 'whole',
    instrumentEvery: Number.POSITIVE_INFINITY,
    epochs: 1e6,
  });
  return { t, peer, repeats: m.repeats, splits: splitsBatch(model, 32) };
}

/** Races the three variants on each model; `rounds` timed rounds after 3 warm-up rounds. */
export async function measureWorkers(
  names: readonly string[],
  spawn: SpawnPeer,
  rounds?: number,
  progress: (line: string) => void = () => {},
  threadCpu?: () => Map<string, number>,
): Promise<WorkersResult[]> {
  const results: WorkersResult[] = [];
  for (const name of names) {
    const runs = {} as Record<Variant, { t: Trainer; peer?: ShardRunner; repeats: number; splits: boolean }>;
    for (const v of VARIANTS) runs[v] = await trainerFor(name, v, spawn);
    const n = rounds ?? Math.max(5, Math.min(40, runs.whole.repeats));
    const times: Record<Variant, number[]> = { whole: [], 'split-1': [], 'split-2': [] };
    const cpuTimes: Record<Variant, number[]> = { whole: [], 'split-1': [], 'split-2': [] };
    const cpu = cpuClock();
    const perThread = new Map<string, number>();
    for (let r = -3; r < n; r++) {
      // rotate the order each round so no variant always runs right after another
      for (let k = 0; k < 3; k++) {
        const v = VARIANTS[(r + 3 + k) % 3];
        const th0 = v === 'split-2' && r >= 0 ? threadCpu?.() : undefined;
        const c0 = cpu?.();
        const t0 = performance.now();
        runs[v].t.step(1);
        if (r < 0) continue;
        times[v].push(performance.now() - t0);
        if (cpu && c0) {
          const c = cpu(c0);
          cpuTimes[v].push((c.user + c.system) / 1000);
        }
        if (th0) {
          for (const [tid, ms] of threadCpu!())
            perThread.set(tid, (perThread.get(tid) ?? 0) + ms - (th0.get(tid) ?? ms));
        }
      }
      progress(`${name}: round ${r + 1} of ${n}`);
    }
    const losses = VARIANTS.map((v) => runs[v].t.snapshot().loss);
    for (const v of VARIANTS) runs[v].peer?.close();
    const ms = {} as Record<Variant, Stat>;
    for (const v of VARIANTS) {
      ms[v] = { msMedian: median(times[v]), msMin: Math.min(...times[v]), msMax: Math.max(...times[v]) };
      if (cpuTimes[v].length) ms[v].cpuMsMedian = median(cpuTimes[v]);
    }
    results.push({
      model: name,
      splits: runs.whole.splits,
      rounds: n,
      ms,
      stepsPerSecond: {
        whole: 1000 / ms.whole.msMedian,
        'split-1': 1000 / ms['split-1'].msMedian,
        'split-2': 1000 / ms['split-2'].msMedian,
      },
      speedupTwoWorkers: ms.whole.msMedian / ms['split-2'].msMedian,
      splitOneWorkerCost: ms['split-1'].msMedian / ms.whole.msMedian,
      sameBits: losses[1] === losses[2],
    });
    if (threadCpu && perThread.size) {
      const [main, ...others] = [...perThread.entries()].sort((a, b) =>
        a[0] === 'main' ? -1 : b[0] === 'main' ? 1 : b[1] - a[1],
      );
      results[results.length - 1].split2Threads = {
        mainCpuMs: main[1] / n,
        otherCpuMs: (others[0]?.[1] ?? 0) / n,
      };
    }
  }
  return results;
}

/** The results as a table. */
export function workersTable(results: readonly WorkersResult[]): string[] {
  const f = (x: number) => x.toFixed(x < 10 ? 2 : 1).padStart(10);
  const c = (s: Stat) => (s.cpuMsMedian === undefined ? '         -' : f(s.cpuMsMedian));
  const lines = [
    'wall ms per step (medians); CPU ms per step of all threads (medians, Node only)',
    'model    split    whole ms  split-1 ms  split-2 ms  whole/split-2  split-1/whole  same bits |  whole cpu  split-1 cpu  split-2 cpu',
  ];
  for (const r of results) {
    lines.push(
      `${r.model.padEnd(8)} ${String(r.splits).padEnd(6)}${f(r.ms.whole.msMedian)}  ${f(r.ms['split-1'].msMedian)}  ${f(r.ms['split-2'].msMedian)}  ${r.speedupTwoWorkers.toFixed(2).padStart(13)}  ${r.splitOneWorkerCost.toFixed(2).padStart(13)}  ${String(r.sameBits).padEnd(9)} | ${c(r.ms.whole)}   ${c(r.ms['split-1'])}   ${c(r.ms['split-2'])}${r.split2Threads ? ` | split-2 threads: trainer ${r.split2Threads.mainCpuMs.toFixed(1)}, shard ${r.split2Threads.otherCpuMs.toFixed(1)} CPU ms` : ''}`,
    );
  }
  return lines;
}
