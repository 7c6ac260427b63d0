// The performance benchmark behind `npm run bench`: forward+backward of an LSTM(128) over T=64 with
// batch 32 (and GRU/RNN of the same size) and of a Dense 256x256 with batch 256, all through
// compileModel (the path training takes), plus the raw gemm rate of the active kernels. Medians of
// repeated runs, measured not asserted.
import type { Graph, GraphNode } from '../../graph-schema/schema.ts';
import { kernels, mat } from '../kernels/index.ts';
import { compileModel } from '../model.ts';
import { Rng } from '../random.ts';
import { type DType, type Tensor, zeros } from '../tensor.ts';
import { median, type Timings, timeRuns } from './timing.ts';

/** One measured workload. */
export interface BenchEntry {
  name: string;
  /** what was run, in words */
  what: string;
  /** median wall-clock milliseconds of one run */
  medianMs: number;
  /** median CPU milliseconds of one run (Node only; less sensitive to other load on the machine) */
  cpuMedianMs?: number;
  runs: number;
  /** floating-point operations per wall-clock second of the median run, in GFLOP/s */
  gflops: number;
}

/** Options: `quick` shrinks the repeat counts; `tiny` shrinks the sizes too (for tests). */
export interface BenchOptions {
  quick?: boolean;
  tiny?: boolean;
  dtype?: DType;
}

/** The workload sizes: the numbers, or tiny ones that only prove the code runs. */
interface Sizes {
  gemm: number;
  dense: number;
  denseBatch: number;
  recUnits: number;
  recSteps: number;
  recBatch: number;
}

const FULL: Sizes = { gemm: 256, dense: 256, denseBatch: 256, recUnits: 128, recSteps: 64, recBatch: 32 };
const TINY: Sizes = { gemm: 8, dense: 8, denseBatch: 4, recUnits: 4, recSteps: 3, recBatch: 2 };

/** An entry from timings and the flop count of one run. */
function entry(name: string, what: string, t: Timings, flops: number): BenchEntry {
  const ms = median(t.wallMs);
  const e: BenchEntry = { name, what, medianMs: ms, runs: t.wallMs.length, gflops: flops / (ms * 1e6) };
  if (t.cpuMs) e.cpuMedianMs = median(t.cpuMs);
  return e;
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

/** C[n, n] = A·B with the active kernels. */
function benchGemm(z: Sizes, repeats: number, dtype: DType): BenchEntry {
  const n = z.gemm;
  const rng = new Rng(1);
  const a = randomTensor([n, n], rng, dtype);
  const b = randomTensor([n, n], rng, dtype);
  const c = zeros([n, n], dtype);
  const k = kernels();
  const run = () => k.gemm(false, false, n, n, n, mat(a.data, n), mat(b.data, n), 0, mat(c.data, n));
  return entry('gemm', `gemm ${n}x${n}x${n} (A·B)`, timeRuns(run, repeats, 3), 2 * n ** 3);
}

/** Dense(n -> n, relu) on a [batch, n] batch through compileModel: forward + MSE + backward. */
function benchDense(z: Sizes, repeats: number, dtype: DType): BenchEntry {
  const n = z.dense;
  const model = compileModel(
    chain([
      { id: 'in', type: 'Input', params: { shape: [n], dtype: 'float32' } },
      { id: 'dense', type: 'Dense', params: { units: n, activation: 'relu', useBias: true } },
    ]),
    { dtype, seed: 1 },
  );
  const rng = new Rng(2);
  const x = randomTensor([z.denseBatch, n], rng, dtype);
  const y = randomTensor([z.denseBatch, n], rng, dtype);
  const off = { instrument: false };
  const t = timeRuns(() => model.lossAndGrads(x, y, off), repeats, 3);
  // forward x·Wᵀ, backward dzᵀ·x and dz·W: three [batch, n]·[n, n] products
  const what = `Dense ${n}x${n} relu, batch ${z.denseBatch}, forward+backward`;
  return entry('dense', what, t, 3 * 2 * z.denseBatch * n * n);
}

/** Gates per recurrent kind: its step costs that many [B, H]·[H, H] products per input and state. */
const GATES = { RNN: 1, GRU: 3, LSTM: 4 } as const;

/** A recurrent layer (H units) over [B, T, H] with returnSequences through compileModel: forward + MSE + BPTT. */
function benchRecurrent(type: keyof typeof GATES, z: Sizes, repeats: number, dtype: DType): BenchEntry {
  const { recUnits: H, recSteps: T, recBatch: B } = z;
  const params: Record<string, unknown> = { units: H, returnSequences: true, bidirectional: false };
  const model = compileModel(
    chain([
      { id: 'in', type: 'Input', params: { shape: [T, H], dtype: 'float32' } },
      { id: 'rec', type, params },
    ]),
    { dtype, seed: 1 },
  );
  const rng = new Rng(3);
  const x = randomTensor([B, T, H], rng, dtype);
  const y = randomTensor([B, T, H], rng, dtype);
  const off = { instrument: false };
  const t = timeRuns(() => model.lossAndGrads(x, y, off), repeats, 1);
  // per step: x·W_ihᵀ and h·W_hhᵀ forward ([B, H]·[H, G·H] each), four such products backward
  const what = `${type}(${H}) T=${T} batch ${B} (input ${H}), forward+backward`;
  return entry(type.toLowerCase(), what, t, T * 6 * 2 * B * H * GATES[type] * H);
}

/** Runs every workload and returns the medians. */
export function runBench(opts: BenchOptions = {}): BenchEntry[] {
  const dtype = opts.dtype ?? 'float32';
  const z = opts.tiny ? TINY : FULL;
  const q = opts.quick === true || opts.tiny === true;
  return [
    benchGemm(z, q ? 3 : 20, dtype),
    benchDense(z, q ? 2 : 10, dtype),
    benchRecurrent('LSTM', z, q ? 1 : 5, dtype),
    benchRecurrent('GRU', z, q ? 1 : 5, dtype),
    benchRecurrent('RNN', z, q ? 1 : 5, dtype),
  ];
}
