// The WebAssembly SIMD gemm against the TypeScript reference kernels: every transpose case, sizes
// that cross the packing blocks (4-row and 8-column tiles, 64-row and 256-deep blocks) with ragged
// edges, strided views, beta 0 and 1; float64 stays on the reference kernels; the fast kernels are the
// default; and the committed binary is what the AssemblyScript source builds to.
import { describe, expect, it } from 'vitest';
import { createWasmKernels, kernels, kernelsName, mat, tsKernels, wasmKernels } from '../../engine/kernels/index.ts';
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
    const committed = readFileSync(new URL('../../engine/kernels/wasm-binary.gen.ts', import.meta.url), 'utf8');
    expect(moduleText(await buildKernels())).toBe(committed);
  });
});

describe('wasm LSTM gate kernel', () => {
  it('gives the gate activations, c, tanh c and h of the TypeScript cell within float32 rounding', () => {
    const rng = new Rng(8);
    const B = 3;
    const H = 8;
    const G = 4 * H;
    const T = 2;
    // step p = 1 of a [B, T, ...] layout, previous state at q = 0; pre-activations up to ±12 (flat ends)
    const z = Float32Array.from({ length: B * T * G }, () => rng.uniform(-12, 12));
    const c = Float32Array.from({ length: B * T * H }, () => rng.uniform(-3, 3));
    const tc = new Float32Array(B * T * H);
    const h = new Float32Array(B * T * H);
    const z0 = Float32Array.from(z);
    const c0 = Float32Array.from(c);
    const k = wasmKernels()!;
    expect(k.lstmGatesForward!(B, H, z, G, T * G, c, 0, c, tc, h, H, T * H)).toBe(true);
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    let worst = 0;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const zo = (b * T + 1) * G;
        const i = sig(z0[zo + j]);
        const f = sig(z0[zo + H + j]);
        const g = Math.tanh(z0[zo + 2 * H + j]);
        const o = sig(z0[zo + 3 * H + j]);
        const cn = f * c0[b * T * H + j] + i * g;
        const so = (b * T + 1) * H + j;
        for (const [got, want] of [
          [z[zo + j], i],
          [z[zo + H + j], f],
          [z[zo + 2 * H + j], g],
          [z[zo + 3 * H + j], o],
          [c[so], cn],
          [tc[so], Math.tanh(cn)],
          [h[so], o * Math.tanh(cn)],
        ])
          worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want)));
        expect(c[b * T * H + j]).toBe(c0[b * T * H + j]); // the previous state is only read
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('tanh is accurate near zero (odd polynomial) and saturates cleanly far out', () => {
    const H = 4;
    const vals = [1e-8, -3e-5, 0.3, -0.62, 0.63, 5, -20, 100];
    const B = vals.length / H;
    // put the values in the g block; g = tanh(z_g)
    const z = new Float32Array(B * 4 * H);
    for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) z[b * 4 * H + 2 * H + j] = vals[b * H + j];
    const c = new Float32Array(B * H);
    wasmKernels()!.lstmGatesForward!(B, H, z, 0, 4 * H, null, 0, c, new Float32Array(B * H), new Float32Array(B * H), 0, H);
    for (let b = 0; b < B; b++)
      for (let j = 0; j < H; j++) {
        const want = Math.tanh(Math.fround(vals[b * H + j]));
        const got = z[b * 4 * H + 2 * H + j];
        expect(Math.abs(got - want)).toBeLessThanOrEqual(2.5e-7 * Math.abs(want) + 1e-45);
      }
  });

  it('an LSTM layer trains the same with and without it (forward and backward within float32 tolerance)', async () => {
    const { createLayer } = await import('../../engine/layers/registry.ts');
    const { setKernels } = await import('../../engine/kernels/index.ts');
    const node = { id: 'l', type: 'LSTM', position: { x: 0, y: 0 }, params: { units: 16, returnSequences: true } };
    const run = () => {
      const layer = createLayer(node as never, [[7, 5]], 'float32', new Rng(3));
      const r = new Rng(4);
      const x = { shape: [4, 7, 5], data: Float32Array.from({ length: 140 }, () => r.uniform(-1, 1)) };
      const y = Float32Array.from(layer.forward([x], { instrument: false }).data);
      const dy = { shape: [4, 7, 16], data: Float32Array.from({ length: 448 }, () => r.uniform(-1, 1)) };
      const dx = Float32Array.from(layer.backward(dy, { instrument: false })[0]!.data);
      return { y, dx, grads: layer.params.map((p) => Float32Array.from(p.grad.data)) };
    };
    const fast = run();
    const prev = setKernels(tsKernels);
    let ref: ReturnType<typeof run>;
    try {
      ref = run();
    } finally {
      setKernels(prev);
    }
    const close = (a: Float32Array, b: Float32Array) => {
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5 + 1e-4 * Math.abs(b[i]));
    };
    close(fast.y, ref.y);
    close(fast.dx, ref.dx);
    for (const [i, g] of fast.grads.entries()) close(g, ref.grads[i]);
  });
});
