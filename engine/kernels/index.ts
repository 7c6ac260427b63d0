// The active kernel implementation. Layers call kernels().gemm(...); tests compare any replacement
// against tsKernels.
import { tsKernels } from './ts.ts';
import type { FloatArray } from '../tensor.ts';
import type { Kernels, MatView } from './types.ts';

export type { Kernels, MatView } from './types.ts';
export { tsKernels } from './ts.ts';

let active: Kernels = tsKernels;
let activeName = 'ts';

/** The kernels layers should use now. */
export function kernels(): Kernels {
  return active;
}

/** Swap in another implementation (e.g. WebAssembly SIMD); returns the previous one. */
export function setKernels(k: Kernels, name = 'custom'): Kernels {
  const prev = active;
  active = k;
  activeName = k === tsKernels ? 'ts' : name;
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
