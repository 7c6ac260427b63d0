// Small helpers for the data tests.
import type { Tensor } from '../../engine/tensor.ts';
import type { InputSpec } from '../../engine/data/types.ts';

/** A float32 Input spec. */
export const floatInput = (shape: number[], outputShape?: number[]): InputSpec => ({
  shape,
  dtype: 'float32',
  outputShape,
});

/** An int32 Input spec (an Embedding of vocabSize follows). */
export const idInput = (shape: number[], vocabSize?: number, outputShape?: number[]): InputSpec => ({
  shape,
  dtype: 'int32',
  vocabSize,
  outputShape,
});

/** Row i of a tensor as plain numbers. */
export function row(t: Tensor, i: number): number[] {
  const w = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from(t.data.subarray(i * w, (i + 1) * w));
}

/** The message of the error a function throws (or rejects with). */
export async function errorOf(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, got none');
}
