// "The numbers behind backprop" for a small model and ONE example: every node's activation, every
// edge's upstream gradient, every parameter gradient, and, for a Dense -> Softmax head trained with
// cross-entropy, the lecture's derivation ∂L/∂β = (Ŷ − Y)Zᵀ computed from Ŷ, Y and Z beside the
// engine's own gradient of the Dense's W, so a student checks the formula against the numbers.
import type { Model } from '../model.ts';
import type { EdgeRecord } from '../model/backward.ts';
import type { Tensor } from '../tensor.ts';

/** A small matrix (or vector) copied out of the model, in float64 so the printed digits are exact. */
export interface Matrix {
  shape: number[];
  data: Float64Array;
}

/** The softmax/cross-entropy check of the output Dense (named `dense`), one example. */
export interface SoftmaxCheck {
  /** the Dense whose W is β (its input is Z) */
  denseId: string;
  /** Ŷ: the softmax output [K] */
  yHat: Matrix;
  /** Y: the one-hot target [K] */
  y: Matrix;
  /** Ŷ − Y [K] */
  diff: Matrix;
  /** Z: the Dense's input [M] */
  z: Matrix;
  /** (Ŷ − Y)Zᵀ [K, M], computed here from the three vectors above */
  outer: Matrix;
  /** the engine's own ∂L/∂W of the Dense [K, M] (backward pass) */
  engineW: Matrix;
  /** the engine's ∂L/∂b [K] when the Dense has a bias (equals Ŷ − Y) */
  engineB?: Matrix;
  /** max |outer − engineW| */
  maxDiff: number;
}

/** Everything the values view shows. */
export interface ValuesRecord {
  /** 0-based row of the dataset */
  example: number;
  loss: number;
  /** node ids in topological order with their output for the example (batch axis dropped) */
  nodes: { id: string; type: string; value: Matrix }[];
  /** edges with the gradient each carries back: dL/d(output of source) along it */
  edges: { id: string; source: string; target: string; grad: Matrix }[];
  /** every parameter with its value and gradient */
  params: { nodeId: string; name: string; value: Matrix; grad: Matrix }[];
  softmax?: SoftmaxCheck;
}

/** Largest model (in parameters) the values view accepts: beyond that the matrices are unreadable. */
export const VALUES_MAX_PARAMS = 1000;

function mat(t: { shape: readonly number[]; data: ArrayLike<number> }, dropBatch = true): Matrix {
  return { shape: dropBatch ? t.shape.slice(1) : [...t.shape], data: Float64Array.from(t.data) };
}

/**
 * Forward, loss and backward on the single example (x [1, ...], y [1, ...]) and the values above.
 * Leaves the params' grads holding this example's gradient (the trainer zeroes them every step).
 */
export function recordValues(model: Model, x: Tensor, y: Tensor, example: number): ValuesRecord {
  const total = model.params.reduce((s, p) => s + p.value.data.length, 0);
  if (total > VALUES_MAX_PARAMS)
    throw new Error(
      `the values view is for small models (up to ${VALUES_MAX_PARAMS} parameters); this one has ${total}`,
    );
  if (x.shape[0] !== 1) throw new Error('the values view shows one example at a time');
  model.forward(x);
  const nodes = model.order.map((id) => {
    const out = model.lastOutput(id)!;
    const type = model.graph.nodes.find((n) => n.id === id)?.type ?? '';
    return { id, type, value: mat(out) };
  });
  const record: EdgeRecord = { edges: {} };
  const { loss } = model.lossAndGrads(x, y, { instrument: false }, record);
  const edges = model.graph.edges
    .filter((e) => record.edges[e.id])
    .map((e) => ({ id: e.id, source: e.source, target: e.target, grad: mat(record.edges[e.id]) }));
  const params = model.params.map((p) => ({
    nodeId: p.nodeId,
    name: p.name,
    value: mat(p.value, false),
    grad: mat(p.grad, false),
  }));
  const r: ValuesRecord = { example, loss, nodes, edges, params };
  const check = softmaxCheck(model, nodes, params, y);
  if (check) r.softmax = check;
  return r;
}

/** The (Ŷ − Y)Zᵀ check when the output is Softmax(Dense(Z)) over K classes with cross-entropy. */
function softmaxCheck(
  model: Model,
  nodes: ValuesRecord['nodes'],
  params: ValuesRecord['params'],
  y: Tensor,
): SoftmaxCheck | null {
  if (model.loss !== 'categorical_crossentropy' || model.outputShape.length !== 1) return null;
  const g = model.graph;
  const outId = model.order[model.order.length - 1];
  const out = g.nodes.find((n) => n.id === outId);
  const into = g.edges.filter((e) => e.target === outId);
  if (out?.type !== 'Softmax' || into.length !== 1) return null;
  const dense = g.nodes.find((n) => n.id === into[0].source);
  const denseIn = g.edges.filter((e) => e.target === dense?.id);
  const act = (dense?.params as { activation?: string } | undefined)?.activation ?? 'identity';
  if (dense?.type !== 'Dense' || act !== 'identity' || denseIn.length !== 1) return null;
  const value = (id: string) => nodes.find((n) => n.id === id)!.value;
  const yHat = value(outId);
  const z = value(denseIn[0].source);
  const K = yHat.data.length;
  const M = z.data.length;
  const oneHot = new Float64Array(K);
  oneHot[Math.round(y.data[0])] = 1;
  const diff = yHat.data.map((p, k) => p - oneHot[k]);
  const outer = new Float64Array(K * M);
  for (let k = 0; k < K; k++) for (let m = 0; m < M; m++) outer[k * M + m] = diff[k] * z.data[m];
  const W = params.find((p) => p.nodeId === dense.id && p.name === 'W')!.grad;
  const b = params.find((p) => p.nodeId === dense.id && p.name === 'b')?.grad;
  let maxDiff = 0;
  for (let i = 0; i < outer.length; i++) maxDiff = Math.max(maxDiff, Math.abs(outer[i] - W.data[i]));
  const check: SoftmaxCheck = {
    denseId: dense.id,
    yHat,
    y: { shape: [K], data: oneHot },
    diff: { shape: [K], data: diff },
    z,
    outer: { shape: [K, M], data: outer },
    engineW: W,
    maxDiff,
  };
  if (b) check.engineB = b;
  return check;
}

/** The typed arrays of a record (to transfer across the worker boundary). */
export function valuesTransferables(r: ValuesRecord): ArrayBuffer[] {
  const ms: Matrix[] = [
    ...r.nodes.map((n) => n.value),
    ...r.edges.map((e) => e.grad),
    ...r.params.flatMap((p) => [p.value, p.grad]),
  ];
  const s = r.softmax;
  if (s) ms.push(s.yHat, s.y, s.diff, s.z, s.outer, s.engineW, ...(s.engineB ? [s.engineB] : []));
  // the check reuses node and param matrices: list each buffer once (a duplicate cannot be transferred)
  return [...new Set(ms.map((m) => m.data.buffer as ArrayBuffer))];
}
