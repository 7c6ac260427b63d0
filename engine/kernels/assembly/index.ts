// Entry point of the WebAssembly SIMD kernels (scripts/build-wasm.mjs compiles this file):
// the packed gemm (gemm.ts) and the fused gate math of the recurrent cells (cells.ts).
export * from './gemm';
export * from './cells';
