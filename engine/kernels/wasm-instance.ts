// One instance of the WebAssembly SIMD kernels (source: assembly/*.ts, built by scripts/build-wasm.mjs)
// and the gemm glue over it: operands in the instance's memory are used in place, others are copied.
import type { FloatArray } from '../tensor.ts';
import { tsKernels } from './ts.ts';
import type { Kernels, MatView } from './types.ts';
import { KERNELS_WASM_BASE64 } from './wasm-binary.gen.ts';

/** The module's exports (pointers are byte addresses, strides in floats). */
export interface WasmExports {
  memory: WebAssembly.Memory;
  reserve(bytes: number): number;
  packBytes(n: number): number;
  gemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    beta: number,
    c: number,
    ldc: number,
    pack: number,
    tmp: number,
  ): void;
  packedBBytes(k: number, n: number): number;
  packBAll(b: number, ldb: number, transB: number, k: number, n: number, dst: number): void;
  gemmPackedB(
    transA: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    pb: number,
    beta: number,
    c: number,
    ldc: number,
    pack: number,
    tmp: number,
  ): void;
  rnnForward(kind: number, B: number, H: number, z: number, zLd: number, h: number, ld: number): void;
  rnnBackward(
    kind: number,
    B: number,
    H: number,
    h: number,
    ld: number,
    dh: number,
    dz: number,
    zLd: number,
  ): void;
  lstmForward(
    B: number,
    H: number,
    z: number,
    zLd: number,
    cPrev: number,
    hasPrev: number,
    c: number,
    tc: number,
    h: number,
    ld: number,
    peep: number,
  ): void;
  lstmBackward(
    B: number,
    H: number,
    z: number,
    zLd: number,
    c: number,
    cPrev: number,
    hasPrev: number,
    tc: number,
    ld: number,
    dh: number,
    dc: number,
    dcPrev: number,
    dz: number,
    peep: number,
    dpeep: number,
  ): void;
  gruForward(
    B: number,
    H: number,
    z: number,
    zLd: number,
    a: number,
    bhh: number,
    hPrev: number,
    hasPrev: number,
    h: number,
    aux: number,
    ld: number,
  ): void;
  gruBackward(
    B: number,
    H: number,
    z: number,
    zLd: number,
    hPrev: number,
    hasPrev: number,
    aux: number,
    ld: number,
    dh: number,
    dz: number,
    da: number,
    dbhh: number,
    dhPrev: number,
  ): void;
  protoForwardRead(
    B: number,
    H: number,
    z: number,
    zLd: number,
    sPrev: number,
    hasPrev: number,
    aux: number,
    ld: number,
  ): void;
  protoForwardState(
    B: number,
    H: number,
    z: number,
    zLd: number,
    sPrev: number,
    hasPrev: number,
    s: number,
    ld: number,
  ): void;
  protoBackwardGates(
    B: number,
    H: number,
    z: number,
    zLd: number,
    sPrev: number,
    hasPrev: number,
    ld: number,
    ds: number,
    dz: number,
    dsPrev: number,
  ): void;
  addRowVector(x: number, rows: number, cols: number, v: number): void;
  addColumnSums(x: number, rows: number, cols: number, out: number): void;
  protoBackwardRead(
    B: number,
    H: number,
    z: number,
    zLd: number,
    sPrev: number,
    ld: number,
    dr: number,
    dz: number,
    dsPrev: number,
  ): void;
}

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** True when this runtime can compile the module (WebAssembly with SIMD). */
export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(decode(KERNELS_WASM_BASE64));
  } catch {
    return false;
  }
}

let compiled: WebAssembly.Module | null = null;

/** A fresh instance (own memory) of the module, compiled once per thread. Synchronous: workers and
 *  Node allow it at any size; a browser main thread may refuse, and the caller then stays on TypeScript. */
export function instantiateKernels(): WasmExports {
  compiled ??= new WebAssembly.Module(decode(KERNELS_WASM_BASE64));
  const instance = new WebAssembly.Instance(compiled, {
    env: {
      abort() {
        throw new Error('wasm kernels: abort');
      },
    },
  });
  return instance.exports as unknown as WasmExports;
}

/** Copies rows x cols of a row-major view (leading dimension ld from off) to heap[dst...] densely. */
export function copyIn(
  src: FloatArray,
  off: number,
  ld: number,
  rows: number,
  cols: number,
  heap: Float32Array,
  dst: number,
) {
  if (ld === cols) {
    heap.set(src.subarray(off, off + rows * cols), dst);
    return;
  }
  for (let r = 0; r < rows; r++) heap.set(src.subarray(off + r * ld, off + r * ld + cols), dst + r * cols);
}

/** Copies a dense rows x cols block from heap[src...] into a view. */
export function copyOut(
  heap: Float32Array,
  src: number,
  rows: number,
  cols: number,
  dst: FloatArray,
  off: number,
  ld: number,
) {
  if (ld === cols) {
    dst.set(heap.subarray(src, src + rows * cols), off);
    return;
  }
  for (let r = 0; r < rows; r++) dst.set(heap.subarray(src + r * cols, src + (r + 1) * cols), off + r * ld);
}

/**
 * A gemm over instance x. Operands already in x's memory are used in place; the others are copied into
 * the scratch that `scratch(bytes)` hands out (a byte address, or 0: then the TypeScript gemm runs).
 * Products under minWork multiply-adds that would need a copy run on the TypeScript kernels.
 */
export function gemmOver(
  x: WasmExports,
  minWork: number,
  scratch: (bytes: number) => number,
): Kernels['gemm'] {
  let heap = new Float32Array(x.memory.buffer);
  const up4 = (v: number) => (v + 3) & ~3;
  return function gemm(transA, transB, m, n, k, A: MatView, B: MatView, beta, C: MatView): void {
    if (
      !(C.data instanceof Float32Array) ||
      !(A.data instanceof Float32Array) ||
      !(B.data instanceof Float32Array)
    ) {
      tsKernels.gemm(transA, transB, m, n, k, A, B, beta, C);
      return;
    }
    const buf = x.memory.buffer;
    const aIn = A.data.buffer === buf;
    const bIn = B.data.buffer === buf;
    const cIn = C.data.buffer === buf;
    if ((!aIn || !bIn || !cIn) && m * n * k < minWork) {
      tsKernels.gemm(transA, transB, m, n, k, A, B, beta, C);
      return;
    }
    const aRows = transA ? k : m;
    const aCols = transA ? m : k;
    const bRows = transB ? n : k;
    const bCols = transB ? k : n;
    // scratch layout in floats: [A copy] [B copy] [C copy] | 8 floats of tile scratch | packing space
    const aAt = 0;
    const bAt = aAt + (aIn ? 0 : up4(aRows * aCols));
    const cAt = bAt + (bIn ? 0 : up4(bRows * bCols));
    const tAt = cAt + (cIn ? 0 : up4(m * n));
    const pAt = tAt + 8;
    const base = scratch(pAt * 4 + x.packBytes(n));
    if (base === 0) {
      tsKernels.gemm(transA, transB, m, n, k, A, B, beta, C);
      return;
    }
    if (heap.buffer !== x.memory.buffer) heap = new Float32Array(x.memory.buffer);
    const f = base >> 2;
    if (!aIn) copyIn(A.data, A.off, A.ld, aRows, aCols, heap, f + aAt);
    if (!bIn) copyIn(B.data, B.off, B.ld, bRows, bCols, heap, f + bAt);
    if (!cIn && beta === 1) copyIn(C.data, C.off, C.ld, m, n, heap, f + cAt);
    x.gemm(
      transA ? 1 : 0,
      transB ? 1 : 0,
      m,
      n,
      k,
      aIn ? A.data.byteOffset + A.off * 4 : base + aAt * 4,
      aIn ? A.ld : aCols,
      bIn ? B.data.byteOffset + B.off * 4 : base + bAt * 4,
      bIn ? B.ld : bCols,
      beta,
      cIn ? C.data.byteOffset + C.off * 4 : base + cAt * 4,
      cIn ? C.ld : n,
      base + pAt * 4,
      base + tAt * 4,
    );
    if (!cIn) copyOut(heap, f + cAt, m, n, C.data, C.off, C.ld);
  };
}
