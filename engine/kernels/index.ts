// The active kernel implementation. Layers call kernels().gemm(...); tests compare any replacement
// against tsKernels. The WebAssembly SIMD kernels are active by default wherever the runtime has
// WebAssembly SIMD (Node 20, every current browser); otherwise the TypeScript ones are.
import { tsKernels } from './ts.ts';
import { createWasmKernels, wasmSimdSupported } from './wasm.ts';
import type { FloatArray } from '../tensor.ts';
import type { Kernels, MatView } from './types.ts';

export type { Kernels, MatView, RecurrentWorkspace, RnnKind } from './types.ts';
export { tsKernels } from './ts.ts';
export { createWasmKernels, wasmSimdSupported } from './wasm.ts';

let wasm: Kernels | null = null;

/** The WebAssembly SIMD kernels (one instance, made on first use), or null where unsupported. */
export function wasmKernels(): Kernels | null {
  if (wasm === null && wasmSimdSupported()) {
    try {
      wasm = createWasmKernels();
    } catch {
      // e.g. a browser main thread that refuses to compile modules synchronously: stay on TypeScript
      return null;
    }
  }
  return wasm;
}

let active: Kernels = wasmKernels() ?? tsKernels;
let activeName = active === tsKernels ? 'ts' : 'wasm-simd';

/** The kernels layers should use now. */
export function kernels(): Kernels {
  return active;
}

/** Swap in another implementation (e.g. WebAssembly SIMD); returns the previous one. */
export function setKernels(k: Kernels, name = 'custom'): Kernels {
  const prev = active;
  active = k;
  activeName = k === tsKernels ? 'ts' : k === wasm ? 'wasm-simd' : name;
  return prev;
}

/** A short name of the active kernels ("ts", "wasm-simd"), for reports. */
export function kernelsName(): string {
  return activeName;
}

/** A row-major matrix view of a flat array: rows `ld` apart, starting at `off`. */
export function mat(data: FloatArray, ld: number, off = 0): MatView {
  return { data, off, ld };
}
