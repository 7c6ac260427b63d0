// The performance benchmark behind `npm run bench`: forward+backward of an LSTM(128) over T=64 with
// batch 32 and of a Dense 256x256 with batch 256 (both through compileModel, the path training
// takes), plus the raw gemm rate of the active kernels. Medians of repeated runs, measured not asserted.
import type { Graph, GraphNode } from '../../graph-schema/schema.ts';
import { kernels, mat } from '../kernels/index.ts';
import { compileModel } from '../model.ts';
import { Rng } from '../random.ts';
import { type DType, type Tensor, zeros } from '../tensor.ts';
import { median, timeRuns } from './timing.ts';

/** One measured workload. */
export interface BenchEntry {
  name: string;
  /** what was run, in words */
  what: string;
  medianMs: number;
  runs: number;
  /** floating-point operations per second of the median run, in GFLOP/s, where counted */
  gflops?: number;
}

/** Options: `quick` shrinks the repeat counts (for tests and a fast look). */
export interface BenchOptions {
  quick?: boolean;
  dtype?: DType;
}

function randomTensor(shape: number[], rng: Rng, dtype: DType, classes = 0): Tensor {
  const t = zeros(shape, dtype);
  for (let i = 0; i < t.data.length; i++) t.data[i] = classes > 0 ? rng.int(classes) : rng.uniform(-1, 1);
  return t;
}

function chain(nodes: Omit<GraphNode, 'position'>[] & object[]): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: 'bench',
    nodes: nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) as GraphNode[],
    edges: nodes
      .slice(1)
      .map((n, i) => ({ id: `e${i + 1}`, source: nodes[i].id as string, target: n.id as string })),
  };
}

/** C[256,256] = A·B with the active kernels. */
function benchGemm(repeats: number, dtype: DType): BenchEntry {
  const n = 256;
  const rng = new Rng(1);
  const a = randomTensor([n, n], rng, dtype);
  const b = randomTensor([n, n], rng, dtype);
  const c = zeros([n, n], dtype);
  const k = kernels();
  const ms = median(
    timeRuns(
      () => k.gemm(false, false, n, n, n, mat(a.data, n), mat(b.data, n), 0, mat(c.data, n)),
      repeats,
      3,
    ),
  );
  return {
    name: 'gemm',
    what: `gemm ${n}x${n}x${n} (A·B)`,
    medianMs: ms,
    runs: repeats,
    gflops: (2 * n ** 3) / (ms * 1e6),
  };
}

/** Dense(256 -> 256) on a [256, 256] batch: forward + MSE + backward. */
function benchDense(repeats: number, dtype: DType): BenchEntry {
  const model = compileModel(
    chain([
      { id: 'in', type: 'Input', params: { shape: [256], dtype: 'float32' } },
      { id: 'dense', type: 'Dense', params: { units: 256, activation: 'relu', useBias: true } },
    ]),
    { dtype, seed: 1 },
  );
  const rng = new Rng(2);
  const x = randomTensor([256, 256], rng, dtype);
  const y = randomTensor([256, 256], rng, dtype);
  const off = { instrument: false };
  const ms = median(timeRuns(() => model.lossAndGrads(x, y, off), repeats, 3));
  // forward x·Wᵀ, backward dzᵀ·x and dz·W: three 256³ products
  return {
    name: 'dense',
    what: 'Dense 256x256 relu, batch 256, forward+backward',
    medianMs: ms,
    runs: repeats,
    gflops: (3 * 2 * 256 ** 3) / (ms * 1e6),
  };
}

/** LSTM(128) over [32, 64, 128] with returnSequences: forward + MSE + BPTT. */
function benchLstm(repeats: number, dtype: DType): BenchEntry {
  const model = compileModel(
    chain([
      { id: 'in', type: 'Input', params: { shape: [64, 128], dtype: 'float32' } },
      {
        id: 'lstm',
        type: 'LSTM',
        params: {
          units: 128,
          returnSequences: true,
          bidirectional: false,
          variant: 'standard',
          forgetBias: 1,
        },
      },
    ]),
    { dtype, seed: 1 },
  );
  const rng = new Rng(3);
  const x = randomTensor([32, 64, 128], rng, dtype);
  const y = randomTensor([32, 64, 128], rng, dtype);
  const off = { instrument: false };
  const ms = median(timeRuns(() => model.lossAndGrads(x, y, off), repeats, 1));
  // per step: [32,128]·[128,512] twice forward, and four such products backward
  const flops = 64 * 6 * 2 * 32 * 128 * 512;
  return {
    name: 'lstm',
    what: 'LSTM(128) T=64 batch 32 (input 128), forward+backward',
    medianMs: ms,
    runs: repeats,
    gflops: flops / (ms * 1e6),
  };
}

/** Runs every workload and returns the medians. */
export function runBench(opts: BenchOptions = {}): BenchEntry[] {
  const dtype = opts.dtype ?? 'float32';
  const q = opts.quick === true;
  return [benchGemm(q ? 3 : 20, dtype), benchDense(q ? 2 : 10, dtype), benchLstm(q ? 1 : 5, dtype)];
}
