// Reference loss kinds: the engine's own fused losses (engine/losses.ts, what the model trains
// with) on the case's logits and targets.
import { softmaxRows } from '../layers/activations.ts';
import { sigmoid } from '../layers/activations.ts';
import { meanSquaredError, sigmoidBinaryCrossEntropy, softmaxCrossEntropy } from '../losses.ts';
import { allocArray, type DType, type Tensor } from '../tensor.ts';
import { type CaseFile, readTensor, toCase } from './tensors.ts';

function like(t: Tensor, dtype: DType): Tensor {
  return { shape: [...t.shape], data: allocArray(dtype, t.data.length) };
}

/** `softmax_ce` ([B, K] logits) and `sequence_softmax_ce` ([B, T, K]): probs, loss, grads.logits. */
export function runSoftmaxCeCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const where = `${c.case}: inputs`;
  const logits = readTensor(c.inputs, 'logits', where, dtype);
  const targets = readTensor(c.inputs, 'targets', where, dtype);
  const k = logits.shape[logits.shape.length - 1];
  const rows = logits.data.length / k;
  if (targets.data.length !== rows) {
    throw new Error(`${c.case}: inputs.targets needs ${rows} class ids (one per row of logits)`);
  }
  const grad = like(logits, dtype);
  const { loss } = softmaxCrossEntropy(logits.data, targets.data, rows, k, grad.data);
  const probs = like(logits, dtype);
  softmaxRows(logits.data, probs.data, rows, k);
  return { outputs: { probs: toCase(probs) }, loss, grads: { logits: toCase(grad) } };
}

/** `sigmoid_bce`: probs = σ(z), loss, grads.logits. */
export function runSigmoidBceCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const where = `${c.case}: inputs`;
  const logits = readTensor(c.inputs, 'logits', where, dtype);
  const targets = readTensor(c.inputs, 'targets', where, dtype);
  if (targets.data.length !== logits.data.length)
    throw new Error(`${where}.targets must match logits in size`);
  const grad = like(logits, dtype);
  const { loss } = sigmoidBinaryCrossEntropy(logits.data, targets.data, logits.data.length, grad.data);
  const probs = like(logits, dtype);
  for (let i = 0; i < probs.data.length; i++) probs.data[i] = sigmoid(logits.data[i]);
  return { outputs: { probs: toCase(probs) }, loss, grads: { logits: toCase(grad) } };
}

/** `mse`: loss and grads.y. */
export function runMseCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const where = `${c.case}: inputs`;
  const y = readTensor(c.inputs, 'y', where, dtype);
  const targets = readTensor(c.inputs, 'targets', where, dtype);
  if (targets.data.length !== y.data.length) throw new Error(`${where}.targets must match y in size`);
  const grad = like(y, dtype);
  const loss = meanSquaredError(y.data, targets.data, y.data.length, grad.data);
  return { loss, grads: { y: toCase(grad) } };
}
