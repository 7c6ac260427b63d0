// Named scratch arrays that only grow: a batch or sequence length that changes between calls (the
// last partial batch of an epoch, a validation batch, generation) reuses the largest allocation seen
// instead of allocating again. Each array is handed out as an exact-length view, so code that walks
// `.length` or returns the array as a tensor never sees stale tail values.
import type { DType, FloatArray } from '../../tensor.ts';
import { allocArray } from '../../tensor.ts';

/** A set of named, growable typed arrays of one dtype. */
export class Arena {
  private readonly store = new Map<string, { full: FloatArray; view: FloatArray }>();

  constructor(private readonly dtype: DType) {}

  /** An array of exactly n elements for `name`; contents are unspecified (stale) after a resize. */
  get(name: string, n: number): FloatArray {
    const e = this.store.get(name);
    if (e && e.view.length === n) return e.view;
    if (e && e.full.length >= n) {
      e.view = e.full.subarray(0, n);
      return e.view;
    }
    const full = allocArray(this.dtype, n);
    this.store.set(name, { full, view: full });
    return full;
  }
}
