// The contract every layer implements: forward and backward side by side, over a whole batch.
import type { InterruptCheck } from '../interrupt.ts';
import { type DType, type Tensor, zeros } from '../tensor.ts';

/** A trainable tensor and its gradient (same shape). Backward ACCUMULATES into grad (+=). */
export interface Param {
  /** name as in the weights file and the reference cases: W, b, table, W_ih, W_hh, b_ih, b_hh, p_i, ..., *_rev */
  name: string;
  value: Tensor;
  grad: Tensor;
  /** set when backward writes only some rows of grad (Embedding): passes over the gradient visit those */
  sparse?: SparseGrad;
}

/**
 * The rows of a gradient that backward wrote since it was last zeroed through zero(); every other row
 * is exactly zero. Zeroing, the global norm and clipping visit only these rows, in ascending order,
 * which gives bit-identical results to a dense pass (adding or scaling a zero changes nothing).
 */
export interface SparseGrad {
  /** elements per row */
  readonly rowSize: number;
  /** the rows that may be nonzero, ascending (a view valid until the next backward or zero()) */
  rows(): Int32Array;
  /** zero those rows of grad and forget them */
  zero(): void;
  /** marks a row as written (a shard's rows summed into this gradient) */
  add(row: number): void;
}

/** A trainable tensor of the shape, zero-filled, with its zero gradient. */
export function makeParam(name: string, shape: number[], dtype: DType): Param {
  return { name, value: zeros(shape, dtype), grad: zeros(shape, dtype) };
}

/** What the model asks of a forward/backward pass. */
export interface PassOptions {
  /** gather instrumentation (time-step gradient norms, saturation); off = no extra cost */
  instrument: boolean;
  /**
   * Train mode (PyTorch `model.train()`): layers with train-only behaviour (Dropout) apply it.
   * Absent or false = eval mode, what inference, validation and exports' `predict` use.
   */
  training?: boolean;
  /**
   * The optimizer step this pass belongs to; train-mode noise (dropout masks) is a pure function of
   * (model seed, node, step), so the same seed gives the same run and re-running a step (the
   * divergence hunt, a finite-difference check) sees the same masks. Default 0.
   */
  step?: number;
  /**
   * Asked between chunks of work (layers, time steps, row blocks of big products); when it says stop,
   * the pass throws Interrupted (engine/interrupt.ts). Absent = never interrupted, no extra work.
   */
  interrupt?: InterruptCheck;
  /**
   * Set when this pass runs a shard of a batch (engine/parallel): the shard's first row within the
   * batch, and the batch's rows. Dropout draws the batch's mask and keeps the shard's part; the loss
   * divides by the whole batch's count, so the shards' gradients sum to the batch's.
   */
  rowOffset?: number;
  batchRows?: number;
}

/**
 * A layer instance built for fixed params (units, variant, ...) and a known input shape (without batch).
 * Buffers are owned by the layer and reused across steps: a returned tensor is valid until the next
 * forward/backward call of the same layer. Inputs must not be mutated.
 */
export interface Layer {
  readonly dtype: DType;
  readonly params: Param[];
  /** Output shape without the batch dimension. */
  readonly outputShape: number[];
  /** Forward over the batch: one tensor per incoming edge, in the graph's edge order. */
  forward(inputs: Tensor[], opts: PassOptions): Tensor;
  /** Given dL/d(output) of the last forward, add into every param's grad and return dL/d(input) per input
   *  (null for inputs that carry no gradient, such as token ids). */
  backward(dOut: Tensor, opts: PassOptions): (Tensor | null)[];
  /** Sequence layers, t = 1..T, from the last instrumented backward: recurrent ||dL/dh_t|| (see
   *  ARCHITECTURE.md); attention ||dL/dx_t||, the gradient reaching the token at position t. */
  timestepGradNorms?(): number[] | null;
  /** Sigmoid/tanh layers: share of units near the flat ends in the last instrumented forward, in [0, 1]. */
  saturation?(): number | null;
  /** Attention layers: the weights [B, T, T] of the last forward (row i: how query position i spread
   *  its attention over the key positions; each row sums to 1), a copy. */
  attentionWeights?(): Tensor | null;
}
