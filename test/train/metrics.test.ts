import { describe, expect, it } from 'vitest';
import { accumulate, emptySums, finish } from '../../engine/train/metrics.ts';
import { fromArray } from '../../engine/tensor.ts';

describe('metrics', () => {
  it('categorical: mean cross-entropy, accuracy, perplexity', () => {
    const probs = fromArray([2, 3], [0.7, 0.2, 0.1, 0.1, 0.3, 0.6]);
    const y = fromArray([2], [0, 1]);
    const s = emptySums();
    accumulate(s, 'categorical_crossentropy', probs, y);
    const m = finish(s, 'categorical_crossentropy', true);
    const ce = -(Math.log(0.7) + Math.log(0.3)) / 2;
    expect(m.loss).toBeCloseTo(ce, 6);
    expect(m.accuracy).toBe(0.5);
    expect(m.perplexity).toBeCloseTo(Math.exp(ce), 5);
  });

  it('per-step classification counts every position', () => {
    const probs = fromArray([1, 2, 2], [0.9, 0.1, 0.4, 0.6]);
    const y = fromArray([1, 2], [0, 0]);
    const s = emptySums();
    accumulate(s, 'categorical_crossentropy', probs, y);
    expect(s.total).toBe(2);
    expect(s.correct).toBe(1);
  });

  it('binary: BCE and threshold 0.5; no perplexity for a classifier', () => {
    const s = emptySums();
    accumulate(s, 'binary_crossentropy', fromArray([2, 1], [0.8, 0.4]), fromArray([2, 1], [1, 1]));
    const m = finish(s, 'binary_crossentropy', false);
    expect(m.loss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4)) / 2, 6);
    expect(m.accuracy).toBe(0.5);
    expect(m.perplexity).toBeUndefined();
  });

  it('mse has no accuracy', () => {
    const s = emptySums();
    accumulate(s, 'mse', fromArray([2, 1], [1, 3]), fromArray([2, 1], [0, 1]));
    const m = finish(s, 'mse', false);
    expect(m.loss).toBeCloseTo(2.5, 6);
    expect(m.accuracy).toBeUndefined();
  });

  it('a probability of 0 for the target stays finite', () => {
    const s = emptySums();
    accumulate(s, 'categorical_crossentropy', fromArray([1, 2], [1, 0]), fromArray([1], [1]));
    expect(Number.isFinite(finish(s, 'categorical_crossentropy', false).loss)).toBe(true);
  });
});
