// Row shuffling with the dataset's seed: generators emit rows class by class, and a consumer that
// takes a slice (a preview, a naive split) must still see every class, so rows are mixed here.
import type { Rng } from '../../random.ts';

/** A random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}

/** Rows of a flat row-major array reordered by `perm` (row width `width`). */
export function permuteRows<T extends Float32Array | Int32Array>(a: T, width: number, perm: Int32Array): T {
  const out = new (a.constructor as new (n: number) => T)(a.length);
  for (let i = 0; i < perm.length; i++)
    out.set(a.subarray(perm[i] * width, (perm[i] + 1) * width), i * width);
  return out;
}
