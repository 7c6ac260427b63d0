// The contract every layer implements: forward and backward side by side, over a whole batch.
import { type DType, type Tensor, zeros } from '../tensor.ts';

/** A trainable tensor and its gradient (same shape). Backward ACCUMULATES into grad (+=). */
export interface Param {
  /** name as in the weights file and the reference cases: W, b, table, W_ih, W_hh, b_ih, b_hh, p_i, ..., *_rev */
  name: string;
  value: Tensor;
  grad: Tensor;
}

/** A trainable tensor of the shape, zero-filled, with its zero gradient. */
export function makeParam(name: string, shape: number[], dtype: DType): Param {
  return { name, value: zeros(shape, dtype), grad: zeros(shape, dtype) };
}

/** What the model asks of a forward/backward pass. */
export interface PassOptions {
  /** gather instrumentation (time-step gradient norms, saturation); off = no extra cost */
  instrument: boolean;
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
  /** Recurrent layers: ||dL/dh_t|| for t = 1..T from the last instrumented backward (see ARCHITECTURE.md). */
  timestepGradNorms?(): number[] | null;
  /** Sigmoid/tanh layers: share of units near the flat ends in the last instrumented forward, in [0, 1]. */
  saturation?(): number | null;
}
