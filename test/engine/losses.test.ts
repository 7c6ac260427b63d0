// The fused losses: gradients against finite differences of the loss value (float64), stability on
// logits whose exp() overflows, and messages for bad targets.
import { describe, expect, it } from 'vitest';
import { meanSquaredError, sigmoidBinaryCrossEntropy, softmaxCrossEntropy } from '../../engine/losses.ts';
import { Rng } from '../../engine/random.ts';
import { randTensor, worstFdError } from './gradcheck.ts';

describe('softmaxCrossEntropy', () => {
  it('gradient matches finite differences over B·T rows', () => {
    const logits = randTensor([6, 4], new Rng(1), 3);
    const targets = [0, 3, 2, 2, 1, 0];
    const grad = new Float64Array(24);
    softmaxCrossEntropy(logits.data, targets, 6, 4, grad);
    const loss = () => softmaxCrossEntropy(logits.data, targets, 6, 4).loss;
    expect(worstFdError(logits.data, grad, loss)).toBeLessThan(1e-8);
  });

  it('equals -log softmax of the target, averaged', () => {
    const z = new Float64Array([1, 2, 3, 0, 0, 0]);
    const p = Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3));
    const r = softmaxCrossEntropy(z, [2, 1], 2, 3);
    expect(r.loss).toBeCloseTo((-Math.log(p) + Math.log(3)) / 2, 14);
    expect(r.correct).toBe(1); // row 0 argmax 2 = target; row 1 is a tie resolved to class 0
    expect(r.count).toBe(2);
  });

  it('stays finite for logits far beyond exp overflow, in float32 too', () => {
    const z = new Float32Array([130, -130, 0, 1000]);
    const grad = new Float32Array(4);
    const r = softmaxCrossEntropy(z, [1, 0], 2, 2, grad);
    expect(r.loss).toBeCloseTo((260 + 1000) / 2, 3);
    expect(Array.from(grad).every(Number.isFinite)).toBe(true);
  });

  it('names a target class the model cannot output', () => {
    expect(() => softmaxCrossEntropy(new Float64Array(6), [0, 3], 2, 3)).toThrow(
      'target class 3 (row 1) is not a whole number from 0 to 2 (the model has 3 outputs)',
    );
  });
});

describe('sigmoidBinaryCrossEntropy', () => {
  it('gradient matches finite differences', () => {
    const z = randTensor([7], new Rng(2), 4);
    const y = [0, 1, 1, 0, 1, 0, 0];
    const grad = new Float64Array(7);
    sigmoidBinaryCrossEntropy(z.data, y, 7, grad);
    expect(worstFdError(z.data, grad, () => sigmoidBinaryCrossEntropy(z.data, y, 7).loss)).toBeLessThan(1e-8);
  });

  it('matches -[y log σ + (1-y) log(1-σ)] where that is computable, and stays finite where it is not', () => {
    const z = new Float64Array([0.3, -1.2]);
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const want = (-Math.log(s(0.3)) - Math.log(1 - s(-1.2))) / 2;
    expect(sigmoidBinaryCrossEntropy(z, [1, 0], 2).loss).toBeCloseTo(want, 14);
    // 1 - σ(40) rounds to 0 in float64: the naive form gives Infinity
    expect(sigmoidBinaryCrossEntropy(new Float64Array([40]), [0], 1).loss).toBeCloseTo(40, 12);
  });
});

describe('meanSquaredError', () => {
  it('gradient matches finite differences', () => {
    const y = randTensor([3, 4], new Rng(3));
    const t = Array.from(randTensor([3, 4], new Rng(4)).data);
    const grad = new Float64Array(12);
    meanSquaredError(y.data, t, 12, grad);
    expect(worstFdError(y.data, grad, () => meanSquaredError(y.data, t, 12))).toBeLessThan(1e-8);
  });
});
