// The backward pass over the compiled graph: reverse topological order, one backward per layer,
// and gradient ACCUMULATION where a node feeds several others (the gradient reaching a node is the
// sum of what each consumer sends back). With instrumentation on, it also records what each edge
// carries, the parameter gradient norms, and the recurrent layers' per-step norms.
import type { GraphEdge } from '../../graph-schema/schema.ts';
import { reuse } from '../kernels/buffers.ts';
import { checkInterrupt, placeInterrupt } from '../interrupt.ts';
import type { Layer, PassOptions } from '../layers/layer.ts';
import { l2norm, type DType, type Tensor } from '../tensor.ts';
import type { GradientReport } from '../types.ts';

/** The compiled graph as flat arrays indexed by topological position. */
export interface Net {
  ids: string[];
  layers: Layer[];
  /** per node: the topological index of each input's source, in edge order */
  sources: number[][];
  /** per node: its incoming edges, in the same order */
  inEdges: GraphEdge[][];
  dtype: DType;
}

/** Opt-in copies of what each edge carries back (the values view); null in training = no cost. */
export interface EdgeRecord {
  /** edge id -> dL/d(output of its source) as sent back along that edge (a copy) */
  edges: Record<string, Tensor>;
}

/** Scratch owned by the model and reused across backward passes. */
export interface BackwardScratch {
  acc: (Tensor | null)[];
  owned: (Tensor | null)[];
}

/** New scratch for a net. */
export function newScratch(n: number): BackwardScratch {
  return { acc: new Array(n).fill(null), owned: new Array(n).fill(null) };
}

/**
 * Runs backward from `start`: the gradient at node `startIdx`, either w.r.t. its output (seed
 * = 'output') or already past it (seed = 'inputs': `startGrads` are the per-input gradients the
 * fused loss computed). Fills `report` when given.
 */
export function backwardPass(
  net: Net,
  s: BackwardScratch,
  startIdx: number,
  startGrads: (Tensor | null)[] | Tensor,
  opts: PassOptions,
  report: GradientReport | null,
  record: EdgeRecord | null = null,
): void {
  s.acc.fill(null);
  for (let i = startIdx; i >= 0; i--) {
    let grads: (Tensor | null)[];
    try {
      checkInterrupt(opts.interrupt);
      if (i === startIdx) {
        grads = Array.isArray(startGrads) ? startGrads : net.layers[i].backward(startGrads, opts);
      } else {
        const dOut = s.acc[i];
        if (dOut === null || net.sources[i].length === 0) continue; // off the loss path, or the Input
        grads = net.layers[i].backward(dOut, opts);
      }
    } catch (e) {
      throw placeInterrupt(e, net.ids[i], 'backward');
    }
    net.sources[i].forEach((src, k) => {
      const g = grads[k];
      if (!g) return; // e.g. token ids: no gradient flows into the Input
      if (report) report.edges[net.inEdges[i][k].id] = l2norm(g.data);
      if (record) record.edges[net.inEdges[i][k].id] = { shape: [...g.shape], data: g.data.slice() };
      accumulate(s, src, g, net.dtype);
    });
  }
  if (report) fillReport(net, report);
}

// The first gradient to reach a node is borrowed (no copy); a second one makes the node's own
// buffer hold the sum, so borrowed layer buffers are never written to.
function accumulate(s: BackwardScratch, idx: number, g: Tensor, dtype: DType): void {
  const cur = s.acc[idx];
  if (cur === null) {
    s.acc[idx] = g;
    return;
  }
  let sum = cur;
  if (cur !== s.owned[idx]) {
    sum = reuse(s.owned[idx], cur.shape, dtype);
    s.owned[idx] = sum;
    sum.data.set(cur.data);
    s.acc[idx] = sum;
  }
  const a = sum.data;
  const b = g.data;
  for (let j = 0; j < a.length; j++) a[j] += b[j];
}

function fillReport(net: Net, report: GradientReport): void {
  net.layers.forEach((layer, i) => {
    const id = net.ids[i];
    if (layer.params.length > 0) {
      const norms: Record<string, number> = {};
      for (const p of layer.params) norms[p.name] = l2norm(p.grad.data);
      report.params[id] = norms;
    }
    const ts = layer.timestepGradNorms?.();
    if (ts) report.timesteps[id] = ts;
    const sat = layer.saturation?.();
    if (sat !== null && sat !== undefined) report.saturation[id] = sat;
  });
}

/** An empty report to fill. */
export function emptyReport(): GradientReport {
  return { edges: {}, params: {}, timesteps: {}, saturation: {} };
}
