// Reusable buffers: layers keep their output/gradient tensors across steps and only reallocate when
// the batch size (and so the shape) changes, so a training loop allocates nothing per step.
import { allocArray, type DType, type Tensor } from '../tensor.ts';

/** `t` itself when it already has exactly `shape`, else a fresh zero tensor of that shape. */
export function reuse(t: Tensor | null, shape: readonly number[], dtype: DType): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  // the length check also catches a buffer detached by a postMessage transfer (its length becomes 0)
  if (t !== null && t.data.length === n && sameShape(t.shape, shape)) return t;
  return { shape: [...shape], data: allocArray(dtype, n) };
}

/** True when two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A tensor's shape as "[2, 3]" for messages. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
