// Pointwise activations and their derivatives, in place over flat arrays. Derivatives are written in
// terms of the activation's OUTPUT (y), which is what layers keep after forward: sigmoid' = y(1-y),
// tanh' = 1-y², relu' = [y > 0] (0 at the kink, as PyTorch).
import type { FloatArray } from '../tensor.ts';

/** The pointwise activations a node can name. */
export type ActivationName = 'identity' | 'relu' | 'sigmoid' | 'tanh';

/** Numerically safe logistic sigmoid (never evaluates exp of a large positive number). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** y[i] = act(z[i]) for i in [0, n); y may be z (in place). */
export function applyActivation(act: ActivationName, z: FloatArray, y: FloatArray, n = z.length): void {
  switch (act) {
    case 'identity':
      if (y !== z) for (let i = 0; i < n; i++) y[i] = z[i];
      return;
    case 'relu':
      for (let i = 0; i < n; i++) y[i] = Math.max(z[i], 0);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoid(z[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(z[i]);
      return;
  }
}

/** dz[i] = dy[i] * act'(z[i]) given the OUTPUT y; dz may be dy (in place). */
export function activationBackward(
  act: ActivationName,
  y: FloatArray,
  dy: FloatArray,
  dz: FloatArray,
  n = y.length,
): void {
  switch (act) {
    case 'identity':
      if (dz !== dy) for (let i = 0; i < n; i++) dz[i] = dy[i];
      return;
    case 'relu':
      for (let i = 0; i < n; i++) dz[i] = y[i] > 0 ? dy[i] : 0;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) dz[i] = dy[i] * y[i] * (1 - y[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) dz[i] = dy[i] * (1 - y[i] * y[i]);
      return;
  }
}

/** The one saturation rule (Dense and recurrent gates alike): the local derivative is below 10% of its
 *  maximum. Sigmoid output s: s(1 - s) < 0.025, i.e. s < 0.026 or s > 0.974. */
export function sigmoidSaturated(s: number): boolean {
  return s * (1 - s) < 0.025;
}

/** Tanh output t: 1 - t² < 0.1, i.e. |t| > 0.949. */
export function tanhSaturated(t: number): boolean {
  return 1 - t * t < 0.1;
}

/**
 * Share in [0, 1] of the outputs y (of a sigmoid or tanh) sitting on a flat end, meaning the local
 * derivative is below 10% of its maximum (sigmoid: y < 0.026 or y > 0.974; tanh: |y| > 0.949).
 * Null for activations that do not saturate that way (identity, relu).
 */
export function saturatedShare(act: ActivationName, y: FloatArray, n = y.length): number | null {
  if (n === 0) return null;
  let count = 0;
  if (act === 'sigmoid') {
    for (let i = 0; i < n; i++) if (sigmoidSaturated(y[i])) count++;
  } else if (act === 'tanh') {
    for (let i = 0; i < n; i++) if (tanhSaturated(y[i])) count++;
  } else {
    return null;
  }
  return count / n;
}

/** Row-wise softmax over the last axis: out[r, :] = softmax(x[r, :]) for `rows` rows of `k` (max-shifted). */
export function softmaxRows(x: FloatArray, out: FloatArray, rows: number, k: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (x[o + j] > max) max = x[o + j];
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(x[o + j] - max);
      out[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < k; j++) out[o + j] *= inv;
  }
}
