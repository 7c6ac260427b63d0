// The memory of one recurrent direction, in its own WebAssembly instance: the direction's sequence
// buffers (laid out once per batch size and length), a resident copy of W_hh packed for both per-step
// products, and scratch for the few big products whose other operands live outside (x, W_ih, grads).
// Memory grows only in layout(), which hands out fresh views, so no view in use is ever detached.
import type { FloatArray } from '../tensor.ts';
import type { Kernels, RecurrentWorkspace, RnnKind } from './types.ts';
import { gemmOver, instantiateKernels, type WasmExports } from './wasm-instance.ts';

const KIND: Record<RnnKind, number> = { tanh: 0, relu: 1, sigmoid: 2 };
/** floats of packing space for op(A) in a pre-packed product (MC·KC of assembly/gemm.ts) */
const PACK_A_FLOATS = 64 * 256;

const up4 = (v: number) => (v + 3) & ~3;

/** A workspace for G gate blocks of H units; null if the module cannot be instantiated here. */
export function createWorkspace(G: number, H: number, minWork: number): RecurrentWorkspace | null {
  let x: WasmExports;
  try {
    x = instantiateKernels();
  } catch {
    return null;
  }
  return new WasmWorkspace(x, G, H, minWork);
}

class WasmWorkspace implements RecurrentWorkspace {
  readonly kernels: Kernels;
  calls = 0;
  private heap: Float32Array;
  /** byte addresses of the fixed regions (0 before the first layout) */
  private wAt = 0;
  private packFAt = 0;
  private packBAt = 0;
  private packAAt = 0;
  private tmpAt = 0;
  private scratchAt = 0;
  private scratchBytes = 0;
  private wView: Float32Array = new Float32Array(0);

  constructor(
    private readonly x: WasmExports,
    private readonly G: number,
    private readonly H: number,
    minWork: number,
  ) {
    this.heap = new Float32Array(x.memory.buffer);
    // no growth outside layout(): a product that does not fit the scratch runs on TypeScript
    const gemm = gemmOver(x, minWork, (bytes) => (bytes <= this.scratchBytes ? this.scratchAt : 0));
    this.kernels = { gemm };
  }

  layout(
    arrays: Record<string, number>,
    copyFloats: number,
    maxN: number,
  ): Record<string, Float32Array> | null {
    const { x, G, H } = this;
    const GH = G * H;
    const names = Object.keys(arrays);
    let floats = 0;
    const at: number[] = [];
    for (const n of names) {
      at.push(floats);
      floats += up4(arrays[n]);
    }
    const wAt = floats;
    floats += up4(GH * H);
    const packF = floats;
    floats += up4(x.packedBBytes(H, GH) / 4);
    const packB = floats;
    floats += up4(x.packedBBytes(GH, H) / 4);
    const packA = floats;
    floats += PACK_A_FLOATS;
    const tmp = floats;
    floats += 8;
    const scratch = floats;
    const scratchBytes = (up4(copyFloats) + 8) * 4 + x.packBytes(Math.max(maxN, GH, H));
    const bytes = floats * 4 + scratchBytes;
    // past 2 GB (the module's address arithmetic is 32-bit) or when memory cannot grow: no workspace,
    // the caller keeps its buffers in ordinary arrays and runs the TypeScript cells
    const base = bytes < 2 ** 31 ? x.reserve(bytes) : 0;
    if (base === 0) return null;
    this.heap = new Float32Array(x.memory.buffer);
    const f = base >> 2;
    const out: Record<string, Float32Array> = {};
    names.forEach((n, i) => {
      out[n] = this.heap.subarray(f + at[i], f + at[i] + arrays[n]);
    });
    this.wAt = base + wAt * 4;
    this.packFAt = base + packF * 4;
    this.packBAt = base + packB * 4;
    this.packAAt = base + packA * 4;
    this.tmpAt = base + tmp * 4;
    this.scratchAt = base + scratch * 4;
    this.scratchBytes = scratchBytes;
    this.wView = this.heap.subarray(f + wAt, f + wAt + GH * H);
    return out;
  }

  setRecurrentWeights(w: FloatArray): Float32Array {
    const { x, G, H } = this;
    if (this.wAt === 0) throw new Error('recurrent workspace: setRecurrentWeights before layout');
    this.wView.set(w);
    // forward: op(B) = W_hhᵀ [H, G·H]; backward: op(B) = W_hh [G·H, H]
    x.packBAll(this.wAt, H, 1, H, G * H, this.packFAt);
    x.packBAll(this.wAt, H, 0, G * H, H, this.packBAt);
    return this.wView;
  }

  /** Byte address of element `off` of a resident array. */
  private p(a: FloatArray, off: number): number {
    if (a.buffer !== this.x.memory.buffer || a.BYTES_PER_ELEMENT !== 4)
      throw new Error('recurrent workspace: array is not in the workspace');
    return a.byteOffset + off * 4;
  }

  stepProduct(
    B: number,
    a: FloatArray,
    aOff: number,
    lda: number,
    beta: 0 | 1,
    c: FloatArray,
    cOff: number,
    ldc: number,
  ): void {
    this.packedProduct(B, this.G * this.H, this.H, this.packFAt, a, aOff, lda, beta, c, cOff, ldc);
  }

  stepBackProduct(
    B: number,
    a: FloatArray,
    aOff: number,
    lda: number,
    beta: 0 | 1,
    c: FloatArray,
    cOff: number,
    ldc: number,
  ): void {
    this.packedProduct(B, this.H, this.G * this.H, this.packBAt, a, aOff, lda, beta, c, cOff, ldc);
  }

  /** C[m, n] (+)= A[m, k] times the W_hh form packed at `pack`. */
  private packedProduct(
    m: number,
    n: number,
    k: number,
    pack: number,
    a: FloatArray,
    aOff: number,
    lda: number,
    beta: 0 | 1,
    c: FloatArray,
    cOff: number,
    ldc: number,
  ): void {
    this.calls++;
    this.x.gemmPackedB(
      0,
      m,
      n,
      k,
      this.p(a, aOff),
      lda,
      pack,
      beta,
      this.p(c, cOff),
      ldc,
      this.packAAt,
      this.tmpAt,
    );
  }

  addRowVector(x: FloatArray, xOff: number, rows: number, cols: number, v: FloatArray): void {
    this.calls++;
    this.x.addRowVector(this.p(x, xOff), rows, cols, this.p(v, 0));
  }

  addColumnSums(x: FloatArray, xOff: number, rows: number, cols: number, out: FloatArray): void {
    this.calls++;
    this.x.addColumnSums(this.p(x, xOff), rows, cols, this.p(out, 0));
  }

  rnnForward(
    kind: RnnKind,
    B: number,
    z: FloatArray,
    zOff: number,
    zLd: number,
    h: FloatArray,
    hOff: number,
    ld: number,
  ): void {
    this.calls++;
    this.x.rnnForward(KIND[kind], B, this.H, this.p(z, zOff), zLd, this.p(h, hOff), ld);
  }

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
  ): void {
    this.calls++;
    this.x.rnnBackward(KIND[kind], B, this.H, this.p(h, hOff), ld, this.p(dh, 0), this.p(dz, zOff), zLd);
  }

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
  ): void {
    this.calls++;
    this.x.lstmForward(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      cPrev ? this.p(cPrev, cPrevOff) : 0,
      cPrev ? 1 : 0,
      this.p(c, sOff),
      this.p(tc, sOff),
      this.p(h, sOff),
      ld,
      peep ? this.p(peep, 0) : 0,
    );
  }

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
  ): void {
    this.calls++;
    this.x.lstmBackward(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      this.p(c, sOff),
      hasPrev ? this.p(c, cPrevOff) : 0,
      hasPrev ? 1 : 0,
      this.p(tc, sOff),
      ld,
      this.p(dh, 0),
      this.p(dc, 0),
      this.p(dcPrev, 0),
      this.p(dz, zOff),
      peep ? this.p(peep, 0) : 0,
      peep && dpeep ? this.p(dpeep, 0) : 0,
    );
  }

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
  ): void {
    this.calls++;
    this.x.gruForward(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      this.p(a, 0),
      this.p(bhh, 0),
      hPrev ? this.p(hPrev, hPrevOff) : 0,
      hPrev ? 1 : 0,
      this.p(h, sOff),
      this.p(aux, sOff),
      ld,
    );
  }

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
  ): void {
    this.calls++;
    this.x.gruBackward(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      hPrev ? this.p(hPrev, hPrevOff) : 0,
      hPrev ? 1 : 0,
      this.p(aux, sOff),
      ld,
      this.p(dh, 0),
      this.p(dz, zOff),
      this.p(da, zOff),
      this.p(dbhh, 0),
      this.p(dhPrev, 0),
    );
  }

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
  ): void {
    this.calls++;
    this.x.protoForwardRead(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      sPrev ? this.p(sPrev, sPrevOff) : 0,
      sPrev ? 1 : 0,
      this.p(aux, sOff),
      ld,
    );
  }

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
  ): void {
    this.calls++;
    this.x.protoForwardState(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      sPrev ? this.p(sPrev, sPrevOff) : 0,
      sPrev ? 1 : 0,
      this.p(s, sOff),
      ld,
    );
  }

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
  ): void {
    this.calls++;
    this.x.protoBackwardGates(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      sPrev ? this.p(sPrev, sPrevOff) : 0,
      sPrev ? 1 : 0,
      ld,
      this.p(ds, 0),
      this.p(dz, zOff),
      this.p(dsPrev, 0),
    );
  }

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
  ): void {
    this.calls++;
    this.x.protoBackwardRead(
      B,
      this.H,
      this.p(z, zOff),
      zLd,
      this.p(sPrev, sPrevOff),
      ld,
      this.p(dr, 0),
      this.p(dz, zOff),
      this.p(dsPrev, 0),
    );
  }
}
