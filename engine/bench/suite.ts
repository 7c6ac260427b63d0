// The benchmark runner: our engine and any number of peers (TensorFlow.js backends in the CLI) on the
// same models, run INTERLEAVED (one timed step of ours, one of the peer, and again), so that load
// from other processes on a shared machine hits both alike and the ratios hold even when the
// absolute times drift. Medians after a warm-up, min, max, and CPU time where the platform has it.
import { createTrainer } from '../train/trainer.ts';
import { BENCH_BATCH, type BenchModel } from './models.ts';
import { cpuClock, median } from './timing.ts';

/** Something that runs one training step (forward + backward + optimizer update) per call. */
export interface StepRunner {
  step(): void | Promise<void>;
  dispose?(): void;
}

/** A peer implementation (e.g. "tfjs-wasm") that can train the same models. */
export interface Peer {
  name: string;
  /** a runner training `model` on batches of the model's synthetic data */
  create(model: BenchModel): Promise<StepRunner>;
  /** a runner computing one n x n x n matrix product per step (for the gemm table), if it has one */
  gemm?(n: number): Promise<StepRunner>;
}

/** Timing statistics of one side. */
export interface Stats {
  msMedian: number;
  msMin: number;
  msMax: number;
  /** median CPU milliseconds per step (Node only) */
  cpuMsMedian?: number;
  runs: number;
}

/** One model's results: ours, each peer's, and each peer's time over ours (> 1: we are faster). */
export interface ModelResult {
  model: string;
  what: string;
  engine: Stats;
  peers: Record<string, Stats>;
  speedup: Record<string, number>;
  /** the same ratio from CPU-time medians (less sensitive to other load on a shared machine) */
  speedupCpu?: Record<string, number>;
}

/** Settings of a run. */
export interface SuiteOptions {
  /** timed steps per side (default: the model's own repeats) */
  repeats?: number;
  /** untimed steps per side first: at least this many (default 2), and more until warmupMs have
   *  passed or 200 steps are done, so that the JIT has compiled the hot loops of both sides */
  warmup?: number;
  /** default 1,500 ms */
  warmupMs?: number;
  /** a peer stops after this many ms of its own timed steps, once it has 3 (1 when a warm-up step took
   *  over a quarter of it) (default 60,000) */
  peerBudgetMs?: number;
  /** called with a line of progress text (the CLI prints it to stderr) */
  progress?: (line: string) => void;
}

interface Samples {
  wall: number[];
  cpu: number[];
}

const newSamples = (): Samples => ({ wall: [], cpu: [] });

async function timeStep(r: StepRunner, into: Samples): Promise<number> {
  const clock = cpuClock();
  const c0 = clock?.();
  const t0 = performance.now();
  await r.step();
  const ms = performance.now() - t0;
  into.wall.push(ms);
  if (clock && c0) {
    const d = clock(c0);
    into.cpu.push((d.user + d.system) / 1000);
  }
  return ms;
}

function stats(s: Samples): Stats {
  const st: Stats = {
    msMedian: median(s.wall),
    msMin: Math.min(...s.wall),
    msMax: Math.max(...s.wall),
    runs: s.wall.length,
  };
  if (s.cpu.length) st.cpuMsMedian = median(s.cpu);
  return st;
}

/** Our engine training `model` through the real trainer (the path the app and CLI take): 64 distinct
 *  batches, many epochs, instrumentation only at epoch ends (one step in 64, as the app would). */
export function engineRunner(model: BenchModel): StepRunner {
  const data = model.data(BENCH_BATCH * 64);
  const trainer = createTrainer(model.graph, data, { instrumentEvery: Number.POSITIVE_INFINITY, epochs: 1e6 });
  return {
    step() {
      trainer.step(1);
      if (trainer.status === 'diverged') throw new Error(`bench: ${model.name} diverged`);
    },
  };
}

/** Runs one model: ours interleaved with each peer in turn. */
export async function runModel(model: BenchModel, peers: readonly Peer[], opts: SuiteOptions = {}): Promise<ModelResult> {
  const repeats = opts.repeats ?? model.repeats;
  const warmup = opts.warmup ?? 2;
  const budget = opts.peerBudgetMs ?? 60_000;
  const ours = newSamples();
  const warmupMs = opts.warmupMs ?? 1500;
  const engine = engineRunner(model);
  /** warm-up steps of one runner: at least `warmup`, then until warmupMs or 200 steps; returns the slowest */
  const warm = async (r: StepRunner): Promise<number> => {
    let slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < 200 && (i < warmup || performance.now() - t0 < warmupMs); i++) {
      const t = performance.now();
      await r.step();
      slowest = Math.max(slowest, performance.now() - t);
    }
    return slowest;
  };
  const peerStats: Record<string, Stats> = {};
  const speedup: Record<string, number> = {};
  if (peers.length === 0) {
    await warm(engine);
    for (let i = 0; i < repeats; i++) await timeStep(engine, ours);
  }
  for (const peer of peers) {
    opts.progress?.(`${model.name}: engine vs ${peer.name}`);
    const other = await peer.create(model);
    try {
      await warm(engine);
      const slowest = await warm(other);
      // a peer whose step takes a quarter of the budget gets as few timed steps as the budget allows
      const minRuns = slowest > budget / 4 ? 1 : 3;
      const theirs = newSamples();
      let spent = 0;
      for (let i = 0; i < repeats && (i < minRuns || spent < budget); i++) {
        await timeStep(engine, ours);
        spent += await timeStep(other, theirs);
      }
      peerStats[peer.name] = stats(theirs);
    } finally {
      other.dispose?.();
    }
  }
  const engineStats = stats(ours);
  const speedupCpu: Record<string, number> = {};
  for (const [name, st] of Object.entries(peerStats)) {
    speedup[name] = st.msMedian / engineStats.msMedian;
    if (st.cpuMsMedian && engineStats.cpuMsMedian) speedupCpu[name] = st.cpuMsMedian / engineStats.cpuMsMedian;
  }
  const r: ModelResult = { model: model.name, what: model.what, engine: engineStats, peers: peerStats, speedup };
  if (Object.keys(speedupCpu).length) r.speedupCpu = speedupCpu;
  return r;
}

/** One gemm size: our GFLOP/s and each peer's, from interleaved medians. */
export interface GemmResult {
  n: number;
  engine: number;
  peers: Record<string, number>;
}

/** n x n x n products with `ours` (our active kernels) interleaved with each peer that has gemm in turn. */
export async function runGemm(
  sizes: readonly number[],
  ours: (n: number) => StepRunner,
  peers: readonly Peer[],
  repeats = 15,
): Promise<GemmResult[]> {
  const out: GemmResult[] = [];
  const gflops = (n: number, s: Samples) => (2 * n ** 3) / (median(s.wall) * 1e6);
  for (const n of sizes) {
    const mine = ours(n);
    const a = newSamples();
    const res: GemmResult = { n, engine: 0, peers: {} };
    const rivals = peers.filter((p) => p.gemm);
    for (let i = 0; i < 3; i++) await mine.step();
    if (rivals.length === 0) for (let i = 0; i < repeats; i++) await timeStep(mine, a);
    for (const p of rivals) {
      const r = await p.gemm!(n);
      const s = newSamples();
      try {
        for (let i = 0; i < 3; i++) await r.step();
        for (let i = 0; i < repeats; i++) {
          await timeStep(mine, a);
          await timeStep(r, s);
        }
      } finally {
        r.dispose?.();
      }
      res.peers[p.name] = gflops(n, s);
    }
    res.engine = gflops(n, a);
    out.push(res);
  }
  return out;
}
