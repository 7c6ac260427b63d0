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
   * Optional: a private workspace for one recurrent direction with G gate blocks of H units (float32):
   * its sequence buffers, a resident copy of W_hh and the fused gate math of every cell live in it, so
   * a time step copies nothing. null (or absent) where unsupported: the cells run their TypeScript loops.
   */
  recurrentWorkspace?(G: number, H: number): RecurrentWorkspace | null;
}

/** Activation of a vanilla RNN cell, as the fused kernels number them. */
export type RnnKind = 'tanh' | 'relu' | 'sigmoid';

/**
 * Memory of one recurrent direction (see Kernels.recurrentWorkspace). Arrays come from layout() and are
 * "resident": kernels read and write them in place. Arguments are (array, element offset) pairs; state
 * rows are `ld` apart, gate rows (G·H wide) `zLd` apart, per-step adjoints (dh, dc, ...) dense [B, H].
 * The equations are those of the TypeScript cells in engine/layers/recurrent/ (the reference).
 */
export interface RecurrentWorkspace {
  /** gemm in place on resident arrays (other operands are copied through the workspace's scratch) */
  readonly kernels: Kernels;
  /** fused calls made so far (tests check that the fast path ran) */
  readonly calls: number;
  /**
   * Lays out named float32 arrays (lengths in elements), the resident W_hh and its packed forms, and
   * scratch for `copyFloats` copied floats and products up to `maxN` columns. Memory grows only here;
   * arrays from an earlier layout are invalid afterwards. null when the memory cannot grow that far.
   */
  layout(
    arrays: Record<string, number>,
    copyFloats: number,
    maxN: number,
  ): Record<string, Float32Array> | null;
  /** Copies W_hh [G·H, H] in and packs it for stepProduct / stepBackProduct; returns the resident copy. */
  setRecurrentWeights(w: FloatArray): Float32Array;
  /** C[B, G·H] (beta 0: =, 1: +=) A[B, H]·W_hhᵀ */
  stepProduct(
    B: number,
    a: FloatArray,
    aOff: number,
    lda: number,
    beta: 0 | 1,
    c: FloatArray,
    cOff: number,
    ldc: number,
  ): void;
  /** C[B, H] (beta 0: =, 1: +=) A[B, G·H]·W_hh */
  stepBackProduct(
    B: number,
    a: FloatArray,
    aOff: number,
    lda: number,
    beta: 0 | 1,
    c: FloatArray,
    cOff: number,
    ldc: number,
  ): void;
  /** x[r, :] += v for rows r of a dense [rows, cols] matrix from xOff */
  addRowVector(x: FloatArray, xOff: number, rows: number, cols: number, v: FloatArray): void;
  /** out[j] += Σ_r x[r, j], rows summed in order (as the TypeScript loop does) */
  addColumnSums(x: FloatArray, xOff: number, rows: number, cols: number, out: FloatArray): void;
  /** h = act(z) */
  rnnForward(
    kind: RnnKind,
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    h: FloatArray,
    hOff: number,
    ld: number,
  ): void;
  /** dz = dh ⊙ act'(h) */
  rnnBackward(
    kind: RnnKind,
    B: number,
    h: FloatArray,
    hOff: number,
    ld: number,
    dh: FloatArray,
    dz: FloatArray,
    zOff: number,
    zLd: number,
  ): void;
  /** z -> i, f, g, o; c, tc = tanh c, h = o⊙tc at sOff; cPrev null = zero state; peep = p_i|p_f|p_o (3H) or null */
  lstmForward(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    cPrev: FloatArray | null,
    cPrevOff: number,
    c: FloatArray,
    tc: FloatArray,
    h: FloatArray,
    sOff: number,
    ld: number,
    peep: FloatArray | null,
  ): void;
  /** dz (at zOff in dz) and dcPrev from dh, dc; dpeep (3H) += peephole grads when peep is set */
  lstmBackward(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    c: FloatArray,
    sOff: number,
    cPrevOff: number,
    hasPrev: boolean,
    tc: FloatArray,
    ld: number,
    dh: FloatArray,
    dc: FloatArray,
    dcPrev: FloatArray,
    dz: FloatArray,
    peep: FloatArray | null,
    dpeep: FloatArray | null,
  ): void;
  /** z -> r, z, n; aux = a_n + b_hn; h = (1-z)⊙n + z⊙hPrev; a [B, 3H] dense (ignored without hPrev) */
  gruForward(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    a: FloatArray,
    bhh: FloatArray,
    hPrev: FloatArray | null,
    hPrevOff: number,
    h: FloatArray,
    aux: FloatArray,
    sOff: number,
    ld: number,
  ): void;
  /** dz and da (same layout, at zOff) from dh; dbhh += da; dhPrev = dh⊙z */
  gruBackward(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    hPrev: FloatArray | null,
    hPrevOff: number,
    aux: FloatArray,
    sOff: number,
    ld: number,
    dh: FloatArray,
    dz: FloatArray,
    da: FloatArray,
    dbhh: FloatArray,
    dhPrev: FloatArray,
  ): void;
  /** prototype LSTM: o = σ(z_o) in place, aux = o⊙sPrev (0 without sPrev) */
  protoForwardRead(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    sPrev: FloatArray | null,
    sPrevOff: number,
    aux: FloatArray,
    sOff: number,
    ld: number,
  ): void;
  /** prototype LSTM: i, f, s~ in place; s = f⊙sPrev + i⊙s~ */
  protoForwardState(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    sPrev: FloatArray | null,
    sPrevOff: number,
    s: FloatArray,
    sOff: number,
    ld: number,
  ): void;
  /** prototype LSTM backward: dz_i, dz_f, dz_c, dz_o = 0; dsPrev = ds⊙f */
  protoBackwardGates(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    sPrev: FloatArray | null,
    sPrevOff: number,
    ld: number,
    ds: FloatArray,
    dz: FloatArray,
    dsPrev: FloatArray,
  ): void;
  /** prototype LSTM backward with a previous state: dz_o = dr⊙sPrev⊙o(1-o); dsPrev += dr⊙o */
  protoBackwardRead(
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    sPrev: FloatArray,
    sPrevOff: number,
    ld: number,
    dr: FloatArray,
    dz: FloatArray,
    dsPrev: FloatArray,
  ): void;
}
