// Learned positional embedding: y[b, t, :] = x[b, t, :] + table[t, :] for a sequence x [B, T, D].
// Attention alone is blind to order (permuting the tokens permutes its outputs); adding a learned
// vector per position lets it tell "first token" from "any token". The table has one row per
// position of the declared sequence length; shorter sequences use its first rows.
import { reuse, shapeText } from '../kernels/buffers.ts';
import { type InitOverride, initKernel } from '../init.ts';
import type { Rng } from '../random.ts';
import type { DType, Tensor } from '../tensor.ts';
import { type Layer, makeParam, type Param, type PassOptions } from './layer.ts';

/** x [B, T, D] -> x + table[:T]; param `table` [maxLen, D] (uniform ±0.05 like Keras's Embedding).
 *  In a graph maxLen is the Input's sequence length; the reference cases also try T < maxLen. */
export class PositionalEmbeddingLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  private readonly table: Param;
  private readonly maxLen: number;
  private readonly dim: number;
  private y: Tensor | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    maxLen: number,
    readonly dtype: DType,
    rng: Rng,
    init?: InitOverride,
  ) {
    const [T, D] = inputShape;
    this.maxLen = maxLen;
    this.dim = D;
    this.outputShape = [T, D];
    this.table = makeParam('table', [maxLen, D], dtype);
    initKernel(this.table.value.data, D, maxLen, rng, init?.kernel ? init : { kernel: 'uniform', ...init });
    this.params = [this.table];
  }

  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const x = inputs[0];
    const [, T, D] = x.shape;
    if (x.shape.length !== 3 || D !== this.dim || T < 1 || T > this.maxLen) {
      throw new Error(
        `PositionalEmbedding '${this.nodeId}' expects a sequence [batch, 1 to ${this.maxLen} steps, ${this.dim}], got ${shapeText(x.shape)}`,
      );
    }
    const y = reuse(this.y, x.shape, this.dtype);
    this.y = y;
    const p = this.table.value.data;
    const n = T * D; // table[:T] is the first T·D values
    for (let i = 0; i < x.data.length; i++) y.data[i] = x.data[i] + p[i % n];
    return y;
  }

  /** dL/dx = dL/dy (passed through); dL/dtable[t] += Σ_b dL/dy[b, t]. */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    const [, T, D] = dOut.shape;
    const n = T * D;
    const g = this.table.grad.data;
    for (let i = 0; i < dOut.data.length; i++) g[i % n] += dOut.data[i];
    return [dOut];
  }
}
