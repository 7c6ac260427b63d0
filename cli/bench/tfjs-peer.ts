// TensorFlow.js 4.22 as a benchmark peer (cpu and wasm backends, from node_modules: nothing is
// downloaded). The model is built from the same graph as ours with tfjs-layers, with the same
// initializer family (tfjs-layers' defaults are Keras's, which are ours) and Adam(0.001), and trained
// with trainOnBatch on one fixed batch of the model's synthetic data.
//
// One kernel is replaced, and the report says so: the gradient of Embedding (Gather) goes through
// UnsortedSegmentSum, which the wasm backend does not implement at all and the cpu backend computes
// in O(vocabulary x tokens). A plain O(tokens x dim) scatter-add is registered for both backends.
import type { Graph } from '../../graph-schema/schema.ts';
import type { BenchModel, Peer, StepRunner } from '../../engine/index.ts';
import { BENCH_BATCH } from '../../engine/index.ts';

type Tf = typeof import('@tensorflow/tfjs-core');
type Tfl = typeof import('@tensorflow/tfjs-layers');

/** What the report says about the replaced kernel. */
export const TFJS_KERNEL_NOTE =
  'tfjs: UnsortedSegmentSum (the Embedding gather gradient) replaced on both backends by a plain scatter-add ' +
  "(wasm has no such kernel; cpu's is O(vocabulary x tokens)); wasm runs single-threaded with SIMD";

interface Tfjs {
  tf: Tf;
  tfl: Tfl;
  version: string;
}

let loaded: Promise<Tfjs> | null = null;

/** Loads tfjs-core, layers and both backends once, and registers the replacement kernel. */
export function loadTfjs(): Promise<Tfjs> {
  loaded ??= (async () => {
    // tfjs greets Node users on console.log ("install tfjs-node"): keep stdout clean for --json
    const log = console.log;
    console.log = () => {};
    try {
      const tf = await import('@tensorflow/tfjs-core');
      await import('@tensorflow/tfjs-backend-cpu');
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const tfl = await import('@tensorflow/tfjs-layers');
      // one thread: our engine runs on one, and the machine is shared
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // PROD skips tfjs's debug checks and its console greeting on the cpu backend
      tf.env().set('PROD', true);
      registerChainedOps(tf);
      registerSegmentSum(tf);
      return { tf, tfl, version: wasm.version_wasm };
    } finally {
      console.log = log;
    }
  })();
  return loaded;
}

// Ops tfjs-layers calls as tensor methods (x.flatten(), ...). The umbrella @tensorflow/tfjs package
// installs them; tfjs-core's Node bundle alone does not, so we add the ones layers uses.
const CHAINED = [
  'add',
  'sub',
  'mul',
  'div',
  'matMul',
  'reshape',
  'transpose',
  'slice',
  'stridedSlice',
  'sum',
  'mean',
  'square',
  'sqrt',
  'neg',
  'exp',
  'log',
  'tanh',
  'sigmoid',
  'relu',
  'sign',
  'abs',
  'gather',
  'tile',
  'expandDims',
  'squeeze',
  'concat',
  'clipByValue',
  'greater',
  'less',
  'equal',
  'maximum',
  'minimum',
  'max',
  'min',
  'argMax',
  'cast',
  'oneHot',
  'softmax',
  'logSoftmax',
  'unstack',
  'split',
  'pow',
  'step',
  'floor',
  'round',
];

function registerChainedOps(tf: Tf): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of CHAINED) {
    if (typeof proto[name] === 'function' || typeof ops[name] !== 'function') continue;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      return ops[name](this, ...args);
    };
  }
  proto.flatten ??= function (this: { size: number }) {
    return ops.reshape(this, [this.size]);
  };
  proto.asType ??= function (this: unknown, dtype: unknown) {
    return ops.cast(this, dtype);
  };
  proto.toFloat ??= function (this: unknown) {
    return ops.cast(this, 'float32');
  };
  proto.toInt ??= function (this: unknown) {
    return ops.cast(this, 'int32');
  };
  proto.asScalar ??= function (this: unknown) {
    return ops.reshape(this, []);
  };
}

interface KernelArgs {
  inputs: Record<string, { dataId: object; shape: number[]; dtype: string }>;
  backend: {
    readSync(id: object): ArrayLike<number>;
    makeTensorInfo?: (shape: number[], dtype: string, values: Float32Array) => unknown;
    makeOutput?: (shape: number[], dtype: string) => { dataId: object };
    typedArrayFromHeap?: (t: { dataId: object }) => Float32Array;
  };
  attrs: Record<string, unknown>;
}

/** out[ids[i], :] += x[i, :]: the sum of gradient rows per embedding row. */
function segmentSum({ inputs, backend, attrs }: KernelArgs): unknown {
  const { x, segmentIds } = inputs;
  const numSegments = attrs.numSegments as number;
  const xs = backend.readSync(x.dataId);
  const ids = backend.readSync(segmentIds.dataId);
  const rows = x.shape[0];
  const inner = rows === 0 ? 0 : xs.length / rows;
  const shape = [numSegments, ...x.shape.slice(1)];
  const add = (out: Float32Array) => {
    for (let i = 0; i < rows; i++) {
      const s = ids[i];
      if (s < 0 || s >= numSegments) continue;
      const o = s * inner;
      const r = i * inner;
      for (let j = 0; j < inner; j++) out[o + j] += xs[r + j];
    }
  };
  if (backend.makeOutput && backend.typedArrayFromHeap) {
    const out = backend.makeOutput(shape, 'float32');
    const view = backend.typedArrayFromHeap(out);
    view.fill(0);
    add(view);
    return out;
  }
  const vals = new Float32Array(numSegments * inner);
  add(vals);
  return backend.makeTensorInfo!(shape, 'float32', vals);
}

function registerSegmentSum(tf: Tf): void {
  for (const backendName of ['cpu', 'wasm']) {
    if (tf.getKernel('UnsortedSegmentSum', backendName))
      tf.unregisterKernel('UnsortedSegmentSum', backendName);
    tf.registerKernel({
      kernelName: 'UnsortedSegmentSum',
      backendName,
      kernelFunc: segmentSum as unknown as Parameters<Tf['registerKernel']>[0]['kernelFunc'],
    });
  }
}

type LayerFn = (x: ReturnType<Tfl['input']>) => ReturnType<Tfl['input']>;

/** The tfjs-layers model of one of our chain graphs (Input, Embedding, Dense, RNN, LSTM, Softmax). */
function buildModel(tfl: Tfl, graph: Graph) {
  const nodes = graph.nodes as unknown as { type: string; params: Record<string, unknown> }[];
  const input = nodes[0].params as { shape: number[] };
  const x0 = tfl.input({ shape: input.shape });
  let x = x0;
  for (const n of nodes.slice(1)) {
    const p = n.params;
    let layer: LayerFn;
    if (n.type === 'Embedding') {
      const l = tfl.layers.embedding({ inputDim: p.vocabSize as number, outputDim: p.dim as number });
      layer = (t) => l.apply(t) as typeof t;
    } else if (n.type === 'Dense') {
      const act = (p.activation as string | undefined) ?? 'identity';
      const l = tfl.layers.dense({
        units: p.units as number,
        activation: act === 'identity' ? 'linear' : (act as 'relu'),
      });
      layer = (t) => l.apply(t) as typeof t;
    } else if (n.type === 'Softmax') {
      const l = tfl.layers.softmax({ axis: -1 }); // tfjs-layers' default axis is 1, ours the last
      layer = (t) => l.apply(t) as typeof t;
    } else if (n.type === 'RNN' || n.type === 'LSTM') {
      const cfg = { units: p.units as number, returnSequences: p.returnSequences === true };
      const rec =
        n.type === 'RNN'
          ? tfl.layers.simpleRNN({ ...cfg, activation: (p.activation as 'tanh' | undefined) ?? 'tanh' })
          : tfl.layers.lstm(cfg);
      const l =
        p.bidirectional === true ? tfl.layers.bidirectional({ layer: rec, mergeMode: 'concat' }) : rec;
      layer = (t) => l.apply(t) as typeof t;
    } else {
      throw new Error(`bench: the tfjs peer has no mapping for ${n.type}`);
    }
    x = layer(x);
  }
  return tfl.model({ inputs: x0, outputs: x });
}

/** A peer for one tfjs backend ('cpu' or 'wasm'). */
export function tfjsPeer(backend: 'cpu' | 'wasm'): Peer {
  const use = async () => {
    const t = await loadTfjs();
    if (t.tf.getBackend() !== backend) {
      const ok = await t.tf.setBackend(backend);
      if (!ok) throw new Error(`bench: the tfjs ${backend} backend did not start`);
    }
    await t.tf.ready();
    return t;
  };
  return {
    name: `tfjs-${backend}`,
    async create(m: BenchModel): Promise<StepRunner> {
      const { tf, tfl } = await use();
      // tfjs-layers warns on console that orthogonal init of a large matrix is slow (it is, once)
      const warn = console.warn;
      console.warn = () => {};
      let model: ReturnType<typeof buildModel>;
      try {
        model = buildModel(tfl, m.graph);
      } finally {
        console.warn = warn;
      }
      const data = m.data(BENCH_BATCH);
      const classes = data.numClasses ?? 0;
      const binary = data.task === 'binary';
      model.compile({
        optimizer: tf.train.adam(0.001),
        loss: binary ? 'binaryCrossentropy' : 'categoricalCrossentropy',
      });
      const x = tf.tensor(data.x.data, data.x.shape);
      const ids = tf.tensor(data.y.data, data.y.shape, 'int32');
      const y = binary ? tf.tensor(data.y.data, data.y.shape) : tf.oneHot(ids, classes);
      ids.dispose();
      return {
        async step() {
          await model.trainOnBatch(x, y);
        },
        dispose() {
          x.dispose();
          y.dispose();
          model.optimizer.dispose();
          model.dispose();
        },
      };
    },
    async gemm(n: number): Promise<StepRunner> {
      const { tf } = await use();
      const a = tf.randomUniform([n, n], -1, 1);
      const b = tf.randomUniform([n, n], -1, 1);
      return {
        step() {
          const c = tf.matMul(a, b);
          c.dataSync();
          c.dispose();
        },
        dispose() {
          a.dispose();
          b.dispose();
        },
      };
    },
  };
}
