// The performance benchmark behind `npm run bench` (and `bench:browser`): the six models of
// models.ts trained by our engine, raced step by step against peers (TensorFlow.js in the CLI), and
// the gemm rate of the active kernels at 64..512. Medians of repeated runs, measured, never asserted.
import { kernels, mat } from '../kernels/index.ts';
import { Rng } from '../random.ts';
import { zeros } from '../tensor.ts';
import { BENCH_MODEL_NAMES, type BenchModel, benchModels } from './models.ts';
import { type GemmResult, type ModelResult, type Peer, runGemm, runModel, type StepRunner, type SuiteOptions } from './suite.ts';

export { BENCH_MODEL_NAMES, benchModels, type BenchModel, type BenchModelName } from './models.ts';
export type { GemmResult, ModelResult, Peer, Stats, StepRunner, SuiteOptions } from './suite.ts';
export { runGemm, runModel } from './suite.ts';

/** The gemm sizes of the table. */
export const GEMM_SIZES = [64, 128, 256, 512] as const;

/** C[n, n] = A·B (float32, random operands) with the active kernels, one product per step. */
export function gemmRunner(n: number): StepRunner {
  const rng = new Rng(1);
  const a = zeros([n, n]);
  const b = zeros([n, n]);
  const c = zeros([n, n]);
  for (let i = 0; i < n * n; i++) {
    a.data[i] = rng.uniform(-1, 1);
    b.data[i] = rng.uniform(-1, 1);
  }
  return { step: () => kernels().gemm(false, false, n, n, n, mat(a.data, n), mat(b.data, n), 0, mat(c.data, n)) };
}

/** A whole run: per model results and the gemm table. */
export interface BenchReport {
  results: ModelResult[];
  gemm: GemmResult[];
}

/** Options of a whole run. */
export interface BenchRunOptions extends SuiteOptions {
  /** only these models (default all six) */
  models?: readonly string[];
  /** gemm sizes (default 64..512; [] skips the gemm table) */
  gemmSizes?: readonly number[];
  gemmRepeats?: number;
  /** replaces each model's graph-and-data builder (tests shrink the models with it) */
  shrink?: (m: BenchModel) => BenchModel;
}

/** Runs the chosen models and the gemm table against `peers` (none: our engine alone). */
export async function runBench(peers: readonly Peer[], opts: BenchRunOptions = {}): Promise<BenchReport> {
  const wanted = opts.models ?? BENCH_MODEL_NAMES;
  const results: ModelResult[] = [];
  for (const m of benchModels()) {
    if (!wanted.includes(m.name)) continue;
    results.push(await runModel(opts.shrink ? opts.shrink(m) : m, peers, opts));
  }
  opts.progress?.('gemm');
  const gemm = await runGemm(opts.gemmSizes ?? GEMM_SIZES, gemmRunner, peers, opts.gemmRepeats);
  return { results, gemm };
}
