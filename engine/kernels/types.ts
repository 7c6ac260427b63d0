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

  /**
   * Optional fused gate math of one standard-LSTM step (float32, H a multiple of 4), for B rows:
   * z rows (zOff + b·zLd, 4H wide: pre-activations i, f, g, o) are replaced by the activations; with
   * state rows at off + b·ld (H wide): c = f⊙cPrev + i⊙g, tc = tanh(c), h = o⊙tc. cPrev null = zero state.
   * Returns false (and changes nothing) where it does not apply; the caller then runs its own loop.
   */
  lstmGatesForward?(
    B: number,
    H: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    cPrev: FloatArray | null,
    cPrevOff: number,
    c: FloatArray,
    tc: FloatArray,
    h: FloatArray,
    off: number,
    ld: number,
  ): boolean;
}
