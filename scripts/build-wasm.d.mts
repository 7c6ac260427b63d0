// Types of scripts/build-wasm.mjs for the tests that import it.
export function buildKernels(): Promise<Uint8Array>;
export function moduleText(bytes: Uint8Array): string;
