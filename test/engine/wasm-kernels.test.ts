// The WebAssembly SIMD gemm against the TypeScript reference kernels: every transpose case, sizes
// that cross the packing blocks (4-row and 8-column tiles, 64-row and 256-deep blocks) with ragged
// edges, strided views, beta 0 and 1; float64 stays on the reference kernels; the fast kernels are the
// default; and the committed binary is what the AssemblyScript source builds to. The fused cells are
// tested layer by layer in test/engine/recurrent/wasm-cells.test.ts.
import { describe, expect, it } from 'vitest';
import {
  createWasmKernels,
  kernels,
  kernelsName,
  mat,
  tsKernels,
  wasmKernels,
} from '../../engine/kernels/index.ts';
import { Rng } from '../../engine/random.ts';

const wasm = createWasmKernels(0); // no size threshold: every product runs in WebAssembly

describe('wasm gemm', () => {
  const rng = new Rng(5);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
  const shapes = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 16],
    [33, 17, 21],
    [65, 9, 257],
    [70, 130, 300],
    [128, 64, 520],
  ];
  for (const [tA, tB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    for (const [m, n, k] of shapes) {
      it(`transA=${tA} transB=${tB} m=${m} n=${n} k=${k} matches the TypeScript kernel`, () => {
        const [ar, ac] = tA ? [k, m] : [m, k];
        const [br, bc] = tB ? [n, k] : [k, n];
        const lda = ac + 2;
        const ldb = bc + 1;
        const ldc = n + 3;
        const a = fill(3 + ar * lda);
        const b = fill(5 + br * ldb);
        const c0 = fill(4 + m * ldc);
        for (const beta of [0, 1] as const) {
          const want = Float32Array.from(c0);
          const got = Float32Array.from(c0);
          tsKernels.gemm(tA, tB, m, n, k, mat(a, lda, 3), mat(b, ldb, 5), beta, mat(want, ldc, 4));
          wasm.gemm(tA, tB, m, n, k, mat(a, lda, 3), mat(b, ldb, 5), beta, mat(got, ldc, 4));
          // float32 sums in another order: a few ulps of the sum of |terms| (at most k terms of size 1)
          const tol = 4e-7 * (k + 1);
          for (let i = 0; i < got.length; i++) {
            const inC = i >= 4 && (i - 4) % ldc < n && Math.floor((i - 4) / ldc) < m;
            if (inC) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol);
            else expect(got[i]).toBe(c0[i]); // outside C (offsets, row padding) nothing is written
          }
        }
      });
    }
  }

  it('k = 0 gives beta·C', () => {
    const c = Float32Array.from([1, 2, 3, 4]);
    wasm.gemm(false, false, 2, 2, 0, mat(new Float32Array(0), 0), mat(new Float32Array(0), 2), 1, mat(c, 2));
    expect([...c]).toEqual([1, 2, 3, 4]);
    wasm.gemm(false, false, 2, 2, 0, mat(new Float32Array(0), 0), mat(new Float32Array(0), 2), 0, mat(c, 2));
    expect([...c]).toEqual([0, 0, 0, 0]);
  });

  it('float64 runs the reference kernel bit for bit', () => {
    const a = Float64Array.from({ length: 12 * 9 }, () => rng.uniform(-1, 1));
    const b = Float64Array.from({ length: 9 * 10 }, () => rng.uniform(-1, 1));
    const want = new Float64Array(120);
    const got = new Float64Array(120);
    tsKernels.gemm(false, false, 12, 10, 9, mat(a, 9), mat(b, 10), 0, mat(want, 10));
    wasm.gemm(false, false, 12, 10, 9, mat(a, 9), mat(b, 10), 0, mat(got, 10));
    expect([...got]).toEqual([...want]);
  });

  it('a product larger than the memory so far grows it and stays right', () => {
    const n = 600;
    const a = fill(n * n);
    const b = fill(n * n);
    const want = new Float32Array(n * n);
    const got = new Float32Array(n * n);
    tsKernels.gemm(false, true, n, n, n, mat(a, n), mat(b, n), 0, mat(want, n));
    wasm.gemm(false, true, n, n, n, mat(a, n), mat(b, n), 0, mat(got, n));
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst).toBeLessThan(4e-7 * n);
  });
});

describe('default kernels', () => {
  it('are the WebAssembly SIMD ones in Node', () => {
    expect(wasmKernels()).not.toBeNull();
    expect(kernels()).toBe(wasmKernels());
    expect(kernelsName()).toBe('wasm-simd');
  });

  it('the committed binary is what the AssemblyScript source builds to', async () => {
    const { buildKernels, moduleText } = await import('../../scripts/build-wasm.mjs');
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(
      new URL('../../engine/kernels/wasm-binary.gen.ts', import.meta.url),
      'utf8',
    );
    expect(moduleText(await buildKernels())).toBe(committed);
  });
});

describe('wasm activations', () => {
  it('tanh is accurate near zero (odd polynomial) and saturates cleanly far out; widths not a multiple of 4 too', () => {
    const vals = [1e-8, -3e-5, 0.3, -0.62, 0.63, 5, -20, 100, 0.01, -1.5, 2.5];
    const ws = wasmKernels()!.recurrentWorkspace!(1, vals.length)!;
    const { z, h } = ws.layout({ z: vals.length + 1, h: vals.length + 1 }, 0, 1)!;
    z.set(vals);
    h[vals.length] = 42; // just past the row: must stay untouched
    ws.rnnForward('tanh', 1, z, 0, vals.length, h, 0, vals.length);
    for (let j = 0; j < vals.length; j++) {
      const want = Math.tanh(Math.fround(vals[j]));
      expect(Math.abs(h[j] - want)).toBeLessThanOrEqual(2.5e-7 * Math.abs(want) + 1e-45);
    }
    expect(h[vals.length]).toBe(42);
  });

  it('a workspace past 2 GB is refused (null), not wrapped around in 32-bit arithmetic', () => {
    const ws = wasmKernels()!.recurrentWorkspace!(4, 8)!;
    expect(ws.layout({ huge: 2 ** 29 }, 0, 1)).toBeNull();
    expect(ws.layout({ small: 10 }, 0, 1)?.small.length).toBe(10);
  });
});
