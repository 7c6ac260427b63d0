// The small kernel interface every layer computes through. The TypeScript implementation in ts.ts is
// the reference; a faster one (WebAssembly SIMD, a worker pool) can be swapped in with setKernels()
// and is tested against the reference.
import type { FloatArray } from '../tensor.ts';

/** A view into a flat array: element (r, c) of a row-major matrix is at off + r * ld + c. */
export interface MatView {
  data: FloatArray;
  off: number;
  /** leading dimension: the stride between rows */
  ld: number;
}

export interface Kernels {
  /**
   * C[m, n] = beta * C + op(A)[m, k] · op(B)[k, n], where op(X) = Xᵀ when trans is set.
   * With transA, A is stored [k, m]; with transB, B is stored [n, k]. beta is 0 or 1.
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: MatView,
    b: MatView,
    beta: 0 | 1,
    c: MatView,
  ): void;
}
