// The WebAssembly SIMD kernels (source: assembly/gemm.ts, built by scripts/build-wasm.mjs): a packed,
// 4x8-tiled f32x4 gemm. The engine's tensors are plain typed arrays, so each call copies its operands
// into the module's memory (one memcpy per matrix, or per row of a strided view) and the result back;
// at the engine's sizes that costs a few percent of the product. float64 and tiny products stay on the
// TypeScript kernels, which remain the reference the tests compare against.
import type { FloatArray } from '../tensor.ts';
import { tsKernels } from './ts.ts';
import type { Kernels, MatView } from './types.ts';
import { KERNELS_WASM_BASE64 } from './wasm-binary.gen.ts';

interface Exports {
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
  lstmGatesForward(B: number, H: number, z: number, cPrev: number, hasPrev: number, c: number, tc: number, h: number): void;
}

/** Below this many multiply-adds the copies cost more than SIMD saves: the TypeScript gemm runs. */
const SMALL = 2048;

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

/** Copies rows x cols of a row-major view (leading dimension ld from off) to heap[dst...] densely. */
function copyIn(src: FloatArray, off: number, ld: number, rows: number, cols: number, heap: Float32Array, dst: number) {
  if (ld === cols) {
    heap.set(src.subarray(off, off + rows * cols), dst);
    return;
  }
  for (let r = 0; r < rows; r++) heap.set(src.subarray(off + r * ld, off + r * ld + cols), dst + r * cols);
}

/** Copies a dense rows x cols block from heap[src...] into a view. */
function copyOut(heap: Float32Array, src: number, rows: number, cols: number, dst: FloatArray, off: number, ld: number) {
  if (ld === cols) {
    dst.set(heap.subarray(src, src + rows * cols), off);
    return;
  }
  for (let r = 0; r < rows; r++) dst.set(heap.subarray(src + r * cols, src + (r + 1) * cols), off + r * ld);
}

/** Instantiates the kernels synchronously (the module is under 4 kB, which browsers allow on any thread).
 *  Products under `minWork` multiply-adds run on the TypeScript kernels (tests pass 0 to force wasm). */
export function createWasmKernels(minWork = SMALL): Kernels {
  const module = new WebAssembly.Module(decode(KERNELS_WASM_BASE64));
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort() {
        throw new Error('wasm kernels: abort');
      },
    },
  });
  const x = instance.exports as unknown as Exports;
  let heap = new Float32Array(x.memory.buffer);

  function gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    A: MatView,
    B: MatView,
    beta: 0 | 1,
    C: MatView,
  ): void {
    if (!(C.data instanceof Float32Array) || m * n * k < minWork) {
      tsKernels.gemm(transA, transB, m, n, k, A, B, beta, C);
      return;
    }
    const aRows = transA ? k : m;
    const aCols = transA ? m : k;
    const bRows = transB ? n : k;
    const bCols = transB ? k : n;
    // layout in floats: A | B | C | 8 floats of tile scratch | packing space (all 16-byte aligned)
    const up4 = (v: number) => (v + 3) & ~3;
    const aAt = 0;
    const bAt = aAt + up4(aRows * aCols);
    const cAt = bAt + up4(bRows * bCols);
    const tAt = cAt + up4(m * n);
    const pAt = tAt + 8;
    const bytes = pAt * 4 + x.packBytes(n);
    const base = x.reserve(bytes);
    if (base === 0) {
      tsKernels.gemm(transA, transB, m, n, k, A, B, beta, C);
      return;
    }
    if (heap.buffer !== x.memory.buffer) heap = new Float32Array(x.memory.buffer);
    const f = base >> 2;
    copyIn(A.data, A.off, A.ld, aRows, aCols, heap, f + aAt);
    copyIn(B.data, B.off, B.ld, bRows, bCols, heap, f + bAt);
    if (beta === 1) copyIn(C.data, C.off, C.ld, m, n, heap, f + cAt);
    x.gemm(
      transA ? 1 : 0,
      transB ? 1 : 0,
      m,
      n,
      k,
      base + aAt * 4,
      aCols,
      base + bAt * 4,
      bCols,
      beta,
      base + cAt * 4,
      n,
      base + pAt * 4,
      base + tAt * 4,
    );
    copyOut(heap, f + cAt, m, n, C.data, C.off, C.ld);
  }

  /** Rows of `width` floats at off + r·ld (r < rows) to heap[dst...] densely (a loop: no subarray objects). */
  function gather(src: FloatArray, off: number, ld: number, rows: number, width: number, dst: number): void {
    for (let r = 0; r < rows; r++) {
      const o = off + r * ld;
      const d = dst + r * width;
      for (let j = 0; j < width; j++) heap[d + j] = src[o + j];
    }
  }

  /** The inverse of gather. */
  function scatter(src: number, rows: number, width: number, dst: FloatArray, off: number, ld: number): void {
    for (let r = 0; r < rows; r++) {
      const o = off + r * ld;
      const s = src + r * width;
      for (let j = 0; j < width; j++) dst[o + j] = heap[s + j];
    }
  }

  function lstmGatesForward(
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
  ): boolean {
    if (!(z instanceof Float32Array) || H % 4 !== 0) return false;
    const G = 4 * H;
    const zAt = 0;
    const pAt = zAt + B * G;
    const cAt = pAt + B * H;
    const tAt = cAt + B * H;
    const hAt = tAt + B * H;
    const base = x.reserve((hAt + B * H) * 4);
    if (base === 0) return false;
    if (heap.buffer !== x.memory.buffer) heap = new Float32Array(x.memory.buffer);
    const f = base >> 2;
    gather(z, zOff, zLd, B, G, f + zAt);
    if (cPrev) gather(cPrev, cPrevOff, ld, B, H, f + pAt);
    x.lstmGatesForward(B, H, base + zAt * 4, base + pAt * 4, cPrev ? 1 : 0, base + cAt * 4, base + tAt * 4, base + hAt * 4);
    scatter(f + zAt, B, G, z, zOff, zLd);
    scatter(f + cAt, B, H, c, off, ld);
    scatter(f + tAt, B, H, tc, off, ld);
    scatter(f + hAt, B, H, h, off, ld);
    return true;
  }

  return { gemm, lstmGatesForward };
}
