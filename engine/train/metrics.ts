// Metrics computed from the model's output probabilities (evaluation needs no backward pass):
// loss, accuracy, perplexity. Sums are kept in float64 and averaged at the end, so the result does
// not depend on how the rows were chunked.
import type { Tensor } from '../tensor.ts';
import type { LossKind } from '../types.ts';

/** Smallest probability fed to log(): keeps a confidently wrong prediction finite (about 27.6 nats). */
const P_MIN = 1e-12;

/** Running sums over many batches. */
export interface MetricSums {
  /** sum of per-position losses (CE/BCE) or of squared errors (MSE) */
  lossSum: number;
  /** positions (CE/BCE) or elements (MSE) the loss sum is over */
  lossCount: number;
  /** correct predictions, for classification losses */
  correct: number;
  /** predictions counted for accuracy (0 for MSE) */
  total: number;
}

/** Empty sums. */
export function emptySums(): MetricSums {
  return { lossSum: 0, lossCount: 0, correct: 0, total: 0 };
}

/** Adds one batch: probs = model.forward output, y = targets in the dataset's layout for the loss. */
export function accumulate(sums: MetricSums, loss: LossKind, probs: Tensor, y: Tensor): void {
  if (loss === 'categorical_crossentropy') addCategorical(sums, probs, y);
  else if (loss === 'binary_crossentropy') addBinary(sums, probs, y);
  else addSquared(sums, probs, y);
}

/** probs [..., K] against class ids y [...] (one id per position). */
function addCategorical(sums: MetricSums, probs: Tensor, y: Tensor): void {
  const k = probs.shape[probs.shape.length - 1];
  const p = probs.data;
  const positions = y.data.length;
  for (let i = 0; i < positions; i++) {
    const target = y.data[i];
    const off = i * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (p[off + c] > p[off + best]) best = c;
    sums.lossSum -= Math.log(Math.max(p[off + target], P_MIN));
    if (best === target) sums.correct++;
  }
  sums.lossCount += positions;
  sums.total += positions;
}

/** probs of class 1 against 0/1 targets, same number of elements. */
function addBinary(sums: MetricSums, probs: Tensor, y: Tensor): void {
  const p = probs.data;
  for (let i = 0; i < y.data.length; i++) {
    const t = y.data[i];
    const q = p[i];
    sums.lossSum -= t * Math.log(Math.max(q, P_MIN)) + (1 - t) * Math.log(Math.max(1 - q, P_MIN));
    if (q >= 0.5 === t >= 0.5) sums.correct++;
  }
  sums.lossCount += y.data.length;
  sums.total += y.data.length;
}

/** Squared error over all elements (the MSE loss; no accuracy). */
function addSquared(sums: MetricSums, out: Tensor, y: Tensor): void {
  for (let i = 0; i < y.data.length; i++) {
    const d = out.data[i] - y.data[i];
    sums.lossSum += d * d;
  }
  sums.lossCount += y.data.length;
}

/** What a set of sums means; absent fields do not apply. */
export interface Metrics {
  loss: number;
  accuracy?: number;
  perplexity?: number;
}

/** Mean loss, accuracy (classification) and perplexity (language models) from sums. */
export function finish(sums: MetricSums, loss: LossKind, languageModel: boolean): Metrics {
  const mean = sums.lossCount > 0 ? sums.lossSum / sums.lossCount : Number.NaN;
  const m: Metrics = { loss: mean };
  if (loss !== 'mse' && sums.total > 0) m.accuracy = sums.correct / sums.total;
  if (languageModel && loss === 'categorical_crossentropy') m.perplexity = perplexity(mean);
  return m;
}

/** Perplexity of a mean cross-entropy in nats: exp(CE). */
export function perplexity(meanCrossEntropy: number): number {
  return Math.exp(meanCrossEntropy);
}

/** Arithmetic mean (NaN for an empty list). */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}
