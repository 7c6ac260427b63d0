// The model's loss head: which loss a graph trains with ("auto" resolved from the output node) and
// how it is fused with the output activation. Softmax + CE hands (p - onehot)/N straight to the
// Softmax's input; sigmoid Dense + BCE hands (σ(z) - y)/n to the Dense's pre-activation; MSE
// seeds the output node's own backward.
import type { GraphNode, LossName } from '../../graph-schema/schema.ts';
import { reuse, shapeText } from '../kernels/buffers.ts';
import type { DenseLayer } from '../layers/dense.ts';
import { meanSquaredError, sigmoidBinaryCrossEntropy, softmaxCrossEntropy } from '../losses.ts';
import type { Diagnostic } from '../shapes/types.ts';
import type { DType, Tensor } from '../tensor.ts';
import type { LossKind } from '../types.ts';

/** How the loss meets the output node. */
export type Fusion = 'softmax' | 'sigmoid' | null;

/** The resolved loss, or a diagnostic saying why the chosen loss does not fit the output node. */
export function resolveLoss(
  name: LossName | undefined,
  out: GraphNode,
): { kind: LossKind; fusion: Fusion } | { error: Diagnostic } {
  const isSoftmax = out.type === 'Softmax';
  const isSigmoidDense = out.type === 'Dense' && out.params.activation === 'sigmoid';
  const want = name ?? 'auto';
  if (want === 'auto') {
    if (isSoftmax) return { kind: 'categorical_crossentropy', fusion: 'softmax' };
    if (isSigmoidDense && out.params.units === 1) return { kind: 'binary_crossentropy', fusion: 'sigmoid' };
    return { kind: 'mse', fusion: null };
  }
  if (want === 'categorical_crossentropy' && !isSoftmax) {
    return diag(out, `categorical_crossentropy needs a Softmax output: add a Softmax node after '${out.id}'`);
  }
  if (want === 'binary_crossentropy' && !isSigmoidDense) {
    return diag(
      out,
      `binary_crossentropy needs a Dense output with activation "sigmoid", but '${out.id}' is not one`,
    );
  }
  if (want === 'categorical_crossentropy') return { kind: want, fusion: 'softmax' };
  if (want === 'binary_crossentropy') return { kind: want, fusion: 'sigmoid' };
  return { kind: 'mse', fusion: null };
}

function diag(out: GraphNode, message: string): { error: Diagnostic } {
  return { error: { path: 'training.loss', nodeId: out.id, message } };
}

/** A computed loss and the gradient that starts backward. */
export interface HeadResult {
  loss: number;
  correct?: number;
  count?: number;
  /** dL/d(logits) when fused (to route past the activation), else dL/d(output) */
  grad: Tensor;
}

/** Computes the loss of one batch and its starting gradient into `buf` (reused across steps). When the
 *  batch is a shard of `batchRows` rows (engine/parallel), the mean is taken over the whole batch. */
export function computeLoss(
  kind: LossKind,
  pre: Tensor,
  y: Tensor,
  dtype: DType,
  buf: Tensor | null,
  batchRows?: number,
): HeadResult {
  const grad = reuse(buf, pre.shape, dtype);
  const own = pre.shape[0];
  // the whole batch's count: this shard's count per row times the batch's rows (an exact integer)
  const denom = (count: number) =>
    batchRows === undefined || batchRows === own ? count : (count / own) * batchRows;
  if (kind === 'categorical_crossentropy') {
    const k = pre.shape[pre.shape.length - 1];
    const rows = pre.data.length / k;
    if (y.data.length !== rows) {
      throw new Error(
        `targets have ${y.data.length} values but the output ${shapeText(pre.shape)} needs one class id per row (${rows})`,
      );
    }
    return { ...softmaxCrossEntropy(pre.data, y.data, rows, k, grad.data, denom(rows)), grad };
  }
  if (y.data.length !== pre.data.length) {
    throw new Error(
      `targets have shape ${shapeText(y.shape)} but the model's output is ${shapeText(pre.shape)}: they must hold the same number of values`,
    );
  }
  if (kind === 'binary_crossentropy') {
    return {
      ...sigmoidBinaryCrossEntropy(pre.data, y.data, pre.data.length, grad.data, denom(pre.data.length)),
      grad,
    };
  }
  return {
    loss: meanSquaredError(pre.data, y.data, pre.data.length, grad.data, denom(pre.data.length)),
    grad,
  };
}

/** The tensor the loss reads: the Softmax's input, the sigmoid Dense's logits, or the output itself. */
export function lossInput(
  fusion: Fusion,
  output: Tensor,
  softmaxInput: Tensor | null,
  dense: DenseLayer | null,
): Tensor {
  if (fusion === 'softmax') return softmaxInput!;
  if (fusion === 'sigmoid') return dense!.logits();
  return output;
}
