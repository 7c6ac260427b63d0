// The per-layer gradient chart's data: for one batch, the norm of the gradient reaching each layer
// (||dL/d(its output)||, the sum over everything it feeds) and of its parameter gradient, listed from
// the output back to the input. For a deep sigmoid MLP this is the vanishing gradient across depth.
import type { Model } from '../model.ts';
import type { EdgeRecord } from '../model/backward.ts';
import type { Tensor } from '../tensor.ts';

/** One layer's bar in the chart. */
export interface LayerGrad {
  nodeId: string;
  type: string;
  /** ||dL/d(output of the node)|| over the batch; null when nothing flows back into it (the output
   *  node of a fused softmax/sigmoid head, whose gradient is reported on the layer before it) */
  output: number | null;
  /** sqrt of the summed squares of its parameter gradients; null for layers without params */
  params: number | null;
}

/** The chart's rows, output first, and the batch loss they belong to. */
export interface LayerGrads {
  loss: number;
  rows: number;
  layers: LayerGrad[];
}

/** Forward, loss and backward on (x, y) and the per-layer norms (the Input is left out). */
export function layerGradients(model: Model, x: Tensor, y: Tensor): LayerGrads {
  const record: EdgeRecord = { edges: {} };
  const { loss } = model.lossAndGrads(x, y, { instrument: false }, record);
  const g = model.graph;
  const types = new Map(g.nodes.map((n) => [n.id, n.type]));
  const layers: LayerGrad[] = [];
  for (let i = model.order.length - 1; i >= 1; i--) {
    const id = model.order[i];
    const outs = g.edges.filter((e) => e.source === id && record.edges[e.id]);
    let output: number | null = null;
    if (outs.length > 0) {
      const sum = Float64Array.from(record.edges[outs[0].id].data);
      for (const e of outs.slice(1)) {
        const d = record.edges[e.id].data;
        for (let j = 0; j < sum.length; j++) sum[j] += d[j];
      }
      let s = 0;
      for (const v of sum) s += v * v;
      output = Math.sqrt(s);
    }
    const ps = model.params.filter((p) => p.nodeId === id);
    let params: number | null = null;
    if (ps.length > 0) {
      let s = 0;
      for (const p of ps) for (const v of p.grad.data) s += v * v;
      params = Math.sqrt(s);
    }
    layers.push({ nodeId: id, type: types.get(id) ?? '', output, params });
  }
  return { loss, rows: x.shape[0], layers };
}
