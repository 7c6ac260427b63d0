// Losses, each a mean, fused with its output activation where that makes the gradient simple and
// the value stable: softmax + cross-entropy (log-sum-exp; gradient (p - onehot)/N) and sigmoid +
// binary cross-entropy on logits (max(z,0) - z·y + log1p(exp(-|z|)); gradient (σ(z) - y)/n).
// Every function writes the gradient into `grad` when one is given and returns the mean loss. `denom`
// (default: the count itself) is what the sum is divided by: a shard of a batch divides by the whole
// batch's count, so the shards' gradients add up to the batch's (engine/parallel).
import { sigmoid } from './layers/activations.ts';
import type { FloatArray } from './tensor.ts';

/** Result of a classification loss: the mean loss and the argmax hits for accuracy. */
export interface LossResult {
  loss: number;
  correct: number;
  count: number;
}

/**
 * Softmax cross-entropy over `rows` rows of `k` logits, targets are class ids (one per row).
 * Rows are B for [B, K] outputs or B·T for per-step outputs [B, T, K]; N = rows.
 * grad [rows, k] = (softmax(logits) - onehot(targets)) / rows.
 */
export function softmaxCrossEntropy(
  logits: FloatArray,
  targets: ArrayLike<number>,
  rows: number,
  k: number,
  grad?: FloatArray,
  denom = rows,
): LossResult {
  let total = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    const t = targets[r];
    if (!Number.isInteger(t) || t < 0 || t >= k) {
      throw new Error(
        `target class ${t} (row ${r}) is not a whole number from 0 to ${k - 1} (the model has ${k} outputs)`,
      );
    }
    let max = -Infinity;
    let arg = 0;
    for (let j = 0; j < k; j++) {
      if (logits[o + j] > max) {
        max = logits[o + j];
        arg = j;
      }
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logits[o + j] - max);
    // -log p_t = logsumexp(z) - z_t, with the max shifted out so exp never overflows
    total += Math.log(sum) + max - logits[o + t];
    if (arg === t) correct++;
    if (grad) {
      const inv = 1 / (sum * denom);
      for (let j = 0; j < k; j++) grad[o + j] = Math.exp(logits[o + j] - max) * inv;
      grad[o + t] -= 1 / denom;
    }
  }
  return { loss: total / denom, correct, count: rows };
}

/**
 * Sigmoid + binary cross-entropy on n logits z with 0/1 targets y (mean over n).
 * grad[i] = (σ(z_i) - y_i) / n. Accuracy counts σ(z) > 0.5 (z > 0) against y.
 */
export function sigmoidBinaryCrossEntropy(
  logits: FloatArray,
  targets: ArrayLike<number>,
  n: number,
  grad?: FloatArray,
  denom = n,
): LossResult {
  let total = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const z = logits[i];
    const y = targets[i];
    total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    if (z > 0 === y > 0.5) correct++;
    if (grad) grad[i] = (sigmoid(z) - y) / denom;
  }
  return { loss: total / denom, correct, count: n };
}

/** Mean squared error over n elements; grad[i] = 2 (y_i - t_i) / n. */
export function meanSquaredError(
  y: FloatArray,
  targets: ArrayLike<number>,
  n: number,
  grad?: FloatArray,
  denom = n,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - targets[i];
    total += d * d;
    if (grad) grad[i] = (2 * d) / denom;
  }
  return total / denom;
}
