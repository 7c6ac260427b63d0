// The attention view's data: after a forward pass, a SelfAttention layer keeps its attention weights
// A [B, T, T] (row = query position, column = key position, each row sums to 1). This reads them out for
// one example, or their mean over the rows, as a plain [T, T] array.
import { SelfAttentionLayer } from '../layers/self-attention.ts';
import type { Model } from '../model.ts';
import type { Tensor } from '../tensor.ts';

/** The attention weights of one SelfAttention node. */
export interface AttentionRecord {
  nodeId: string;
  steps: number;
  causal: boolean;
  /** 0-based row of x, or -1 for the mean over the rows */
  example: number;
  rows: number;
  /** [T, T] row-major: weights[i * T + j] = how much query i reads key j */
  weights: Float32Array;
}

/** Forward on x and the attention weights of node `nodeId` for row `example` (-1: mean over rows). */
export function recordAttention(model: Model, nodeId: string, x: Tensor, example: number): AttentionRecord {
  const layer = model.layer(nodeId);
  if (!(layer instanceof SelfAttentionLayer))
    throw new Error(`node "${nodeId}" is not a SelfAttention layer: it has no attention weights to show`);
  const rows = x.shape[0];
  if (example >= rows) throw new Error(`example ${example + 1} is not in the ${rows} rows shown`);
  model.forward(x);
  const A = layer.attentionWeights();
  if (!A) throw new Error(`SelfAttention "${nodeId}" has not run forward yet`);
  const [B, T] = A.shape;
  const weights = new Float32Array(T * T);
  const pick = example >= 0 ? [example] : Array.from({ length: B }, (_, b) => b);
  for (const b of pick) for (let i = 0; i < T * T; i++) weights[i] += A.data[b * T * T + i] / pick.length;
  return { nodeId, steps: T, causal: layer.cfg.causal, example, rows, weights };
}
