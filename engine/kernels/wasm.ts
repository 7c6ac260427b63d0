// The WebAssembly SIMD kernels (source: assembly/*.ts, built by scripts/build-wasm.mjs): a packed,
// 4x8-tiled f32x4 gemm and the fused gate math of the recurrent cells. The engine's tensors are plain
// typed arrays, so the shared instance's gemm copies its operands in and the result out. A recurrent
// direction instead gets its own instance (recurrentWorkspace): its sequence buffers live in that
// instance's memory and W_hh is copied and packed once per pass, so a time step copies nothing.
// float64 and tiny products stay on the TypeScript kernels, which remain the reference the tests use.
import type { Kernels, RecurrentWorkspace } from './types.ts';
import { gemmOver, instantiateKernels } from './wasm-instance.ts';
import { createWorkspace } from './wasm-workspace.ts';

export { wasmSimdSupported } from './wasm-instance.ts';

/** Below this many multiply-adds the copies cost more than SIMD saves: the TypeScript gemm runs. */
const SMALL = 2048;

/** Instantiates the kernels synchronously. Products under `minWork` multiply-adds run on the
 *  TypeScript kernels where they would need copies (tests pass 0 to force wasm). */
export function createWasmKernels(minWork = SMALL): Kernels {
  const x = instantiateKernels();
  // the shared instance's memory holds only copies: growing it (reserve) detaches nothing anyone keeps
  const gemm = gemmOver(x, minWork, (bytes) => x.reserve(bytes));
  return {
    gemm,
    recurrentWorkspace: (G: number, H: number): RecurrentWorkspace | null => createWorkspace(G, H, minWork),
  };
}
