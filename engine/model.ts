// compileModel: graph JSON -> a trainable Model. Forward runs the layers in topological order;
// lossAndGrads adds the (fused) loss and the backward pass with gradient accumulation and optional
// instrumentation. Everything is deterministic: the same graph and seed give bit-identical results.
import type { Graph, GraphNode, LossName } from '../graph-schema/schema.ts';
import { reuse, sameShape, shapeText } from './kernels/buffers.ts';
import { DenseLayer } from './layers/dense.ts';
import type { Layer, PassOptions, SparseGrad } from './layers/layer.ts';
import { createLayer } from './layers/registry.ts';
import {
  backwardPass,
  type BackwardScratch,
  type EdgeRecord,
  emptyReport,
  type Net,
  newScratch,
} from './model/backward.ts';
import { assertShapesAgree, checkGraph } from './model/check.ts';
import { CompileError } from './model/errors.ts';
import { computeLoss, type Fusion, lossInput, resolveLoss } from './model/loss-head.ts';
import { buildPlan } from './model/plan.ts';
import { checkInterrupt, placeInterrupt } from './interrupt.ts';
import { Rng } from './random.ts';
import { type DType, dtypeOf, type Tensor } from './tensor.ts';
import type { GradientReport, LossKind, WeightsFile } from './types.ts';
import { exportWeights, importWeights } from './weights.ts';

export { CompileError } from './model/errors.ts';

/** A trainable tensor of a node: `<nodeId>.<name>` in weights files. Shares value/grad with the layer. */
export interface ModelParam {
  nodeId: string;
  name: string;
  value: Tensor;
  grad: Tensor;
  /** the rows backward wrote, when it writes only some (Embedding); see layers/layer.ts */
  sparse?: SparseGrad;
}

/** What lossAndGrads returns for one batch. */
export interface LossAndGrads {
  /** mean loss over the batch (over B·T positions for per-step outputs) */
  loss: number;
  /** the model's output [B, ...outputShape] (probabilities for Softmax/sigmoid outputs) */
  output: Tensor;
  /** argmax (or σ > 0.5) hits and positions counted, for classification losses */
  correct?: number;
  count?: number;
  report?: GradientReport;
}

/** Options of compileModel. */
export interface CompileOptions {
  /** float32 to train (default), float64 for gradient checks */
  dtype?: DType;
  /** init seed (default: the graph's training.seed, else 42) */
  seed?: number;
}

/** A compiled graph. Returned tensors are the layers' buffers: valid until the next call. */
export class Model {
  readonly order: string[];
  readonly params: ModelParam[];
  readonly inputShape: number[];
  readonly outputShape: number[];
  private readonly index = new Map<string, number>();
  private readonly outputs: (Tensor | null)[];
  private readonly scratch: BackwardScratch;
  private lossGrad: Tensor | null = null;
  private xBuf: Tensor | null = null;

  constructor(
    readonly graph: Graph,
    readonly dtype: DType,
    readonly loss: LossKind,
    private readonly fusion: Fusion,
    private readonly net: Net,
  ) {
    this.order = [...net.ids];
    for (let i = 0; i < net.ids.length; i++) this.index.set(net.ids[i], i);
    this.params = net.layers.flatMap((l, i) =>
      l.params.map((p) => {
        const mp: ModelParam = { nodeId: net.ids[i], name: p.name, value: p.value, grad: p.grad };
        if (p.sparse) mp.sparse = p.sparse;
        return mp;
      }),
    );
    this.inputShape = [...net.layers[0].outputShape];
    this.outputShape = [...net.layers[net.layers.length - 1].outputShape];
    this.outputs = new Array(net.ids.length).fill(null);
    this.scratch = newScratch(net.ids.length);
  }

  /** The output node of the graph (the one the loss reads). */
  outputNode(): GraphNode {
    const id = this.order[this.order.length - 1];
    return this.graph.nodes.find((n) => n.id === id)!;
  }

  /**
   * The same network (the same layers and weights, shared) trained with another loss; throws
   * CompileError when the output node cannot carry it (e.g. binary cross-entropy without a sigmoid).
   */
  withLoss(name: Exclude<LossName, 'auto'>): Model {
    const loss = resolveLoss(name, this.outputNode());
    if ('error' in loss) throw new CompileError([loss.error]);
    const graph = this.graph.training
      ? { ...this.graph, training: { ...this.graph.training, loss: name } }
      : this.graph;
    return new Model(graph, this.dtype, loss.kind, loss.fusion, this.net);
  }

  /** The output [B, ...outputShape] for x [B, ...inputShape] (output activations applied). Eval mode
   *  (dropout off) unless opts.training: inference and validation call it with the defaults. */
  forward(x: Tensor, opts: PassOptions = { instrument: false }): Tensor {
    const input = this.checkInput(x);
    const { layers, sources, ids } = this.net;
    let i = 0;
    try {
      for (; i < layers.length; i++) {
        checkInterrupt(opts.interrupt);
        const ins = i === 0 ? [input] : sources[i].map((s) => this.outputs[s]!);
        this.outputs[i] = layers[i].forward(ins, opts);
      }
    } catch (e) {
      throw placeInterrupt(e, ids[i], 'forward');
    }
    return this.outputs[layers.length - 1]!;
  }

  /** Zeroes grads, then forward, loss and backward on one batch; y per engine/data/types.ts. The
   *  trainer passes `training: true` and the step (train mode); without them it is eval mode.
   *  `record` (the values view) receives a copy of every edge's gradient. */
  lossAndGrads(x: Tensor, y: Tensor, opts: PassOptions, record: EdgeRecord | null = null): LossAndGrads {
    for (const p of this.params) {
      if (p.sparse) p.sparse.zero();
      else p.grad.data.fill(0);
    }
    const output = this.forward(x, opts);
    const last = this.net.layers.length - 1;
    const outLayer = this.net.layers[last];
    const softmaxIn = this.fusion === 'softmax' ? this.outputs[this.net.sources[last][0]] : null;
    const dense = outLayer instanceof DenseLayer ? outLayer : null;
    const pre = lossInput(this.fusion, output, softmaxIn, dense);
    const head = computeLoss(this.loss, pre, y, this.dtype, this.lossGrad, opts.batchRows);
    this.lossGrad = head.grad;
    // fused heads start backward past the output activation; MSE starts at the output node
    let start: Tensor | (Tensor | null)[] = head.grad;
    if (this.fusion === 'softmax') start = [head.grad];
    else if (this.fusion === 'sigmoid') start = dense!.backwardFromLogits(head.grad, opts);
    const report = opts.instrument ? emptyReport() : null;
    backwardPass(this.net, this.scratch, last, start, opts, report, record);
    const result: LossAndGrads = { loss: head.loss, output };
    if (head.count !== undefined) {
      result.correct = head.correct;
      result.count = head.count;
    }
    if (report) result.report = report;
    return result;
  }

  /** The node's output in the last forward, or null (unknown id, or no forward yet). */
  lastOutput(nodeId: string): Tensor | null {
    const i = this.index.get(nodeId);
    return i === undefined ? null : this.outputs[i];
  }

  /** The layer of a node (for tests and tools that need layer-specific views). */
  layer(nodeId: string): Layer | null {
    const i = this.index.get(nodeId);
    return i === undefined ? null : this.net.layers[i];
  }

  /** All parameters as a weights file (keys `<nodeId>.<param>`). */
  getWeights(): WeightsFile {
    return exportWeights(this.params);
  }

  /** Loads a weights file; throws naming the tensor when a name or shape does not match. */
  setWeights(w: WeightsFile | unknown): void {
    importWeights(this.params, w);
  }

  // Checks x against the Input shape and converts it to the model's dtype when needed.
  private checkInput(x: Tensor): Tensor {
    if (!sameShape(x.shape.slice(1), this.inputShape)) {
      throw new Error(
        `the input batch has shape ${shapeText(x.shape)} but the Input node expects [batch, ${this.inputShape.join(', ')}]`,
      );
    }
    if (dtypeOf(x.data) === this.dtype) return x;
    const buf = reuse(this.xBuf, x.shape, this.dtype);
    buf.data.set(x.data);
    this.xBuf = buf;
    return buf;
  }
}

/** Compiles a graph into a Model; throws CompileError (with diagnostics) when it cannot. */
export function compileModel(graph: Graph, opts: CompileOptions = {}): Model {
  const analysis = checkGraph(graph);
  const g = analysis.graph;
  const dtype = opts.dtype ?? 'float32';
  const plan = buildPlan(analysis);
  const out = plan.nodes.get(plan.outputId)!.node;
  const loss = resolveLoss(g.training?.loss, out);
  if ('error' in loss) throw new CompileError([loss.error]);
  const seed = opts.seed ?? g.training?.seed ?? 42;
  const pos = new Map(plan.order.map((id, i) => [id, i]));
  const layers: Layer[] = [];
  const sources: number[][] = [];
  const inEdges = plan.order.map((id) => plan.nodes.get(id)!.inEdges);
  plan.order.forEach((id, i) => {
    const srcs = inEdges[i].map((e) => pos.get(e.source)!);
    const shapes = srcs.map((s) => layers[s].outputShape);
    // each node's stream is seeded by (seed, node id): adding a node elsewhere does not shift its init
    layers.push(createLayer(plan.nodes.get(id)!.node, shapes, dtype, new Rng(nodeSeed(seed, id))));
    assertShapesAgree(analysis, id, layers[i].outputShape);
    sources.push(srcs);
  });
  if (plan.order[0] !== plan.inputId)
    throw new CompileError([{ path: 'nodes', message: 'the Input node must come first' }]);
  return new Model(g, dtype, loss.kind, loss.fusion, { ids: plan.order, layers, sources, inEdges, dtype });
}

/** A 32-bit seed for one node: FNV-1a over the id, mixed with the model seed. */
function nodeSeed(seed: number, id: string): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h;
}
