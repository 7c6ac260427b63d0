// The gemm kernel against a plain triple loop: every transpose combination, odd sizes (the unrolled
// loops' remainders), views with offsets and leading dimensions wider than the matrix, beta 0 and 1.
import { describe, expect, it } from 'vitest';
import { mat, tsKernels } from '../../engine/kernels/index.ts';
import { Rng } from '../../engine/random.ts';

function naive(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  lda: number,
  aOff: number,
  b: Float64Array,
  ldb: number,
  bOff: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        const bv = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        s += av * bv;
      }
      out.push(s);
    }
  }
  return out;
}

describe('gemm', () => {
  const rng = new Rng(11);
  const fill = (n: number) => Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
  for (const [tA, tB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    for (const [m, n, k] of [
      [1, 1, 1],
      [5, 7, 3],
      [6, 9, 13],
      [2, 4, 8],
      [33, 17, 21],
    ]) {
      it(`transA=${tA} transB=${tB} m=${m} n=${n} k=${k} matches the triple loop`, () => {
        const [ar, ac] = tA ? [k, m] : [m, k];
        const [br, bc] = tB ? [n, k] : [k, n];
        const lda = ac + 2;
        const ldb = bc + 1;
        const ldc = n + 3;
        const a = fill(3 + ar * lda);
        const b = fill(5 + br * ldb);
        const c0 = fill(4 + m * ldc);
        const want = naive(tA, tB, m, n, k, a, lda, 3, b, ldb, 5);
        for (const beta of [0, 1] as const) {
          const c = Float64Array.from(c0);
          tsKernels.gemm(tA, tB, m, n, k, mat(a, lda, 3), mat(b, ldb, 5), beta, mat(c, ldc, 4));
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              const base = beta ? c0[4 + i * ldc + j] : 0;
              expect(c[4 + i * ldc + j]).toBeCloseTo(base + want[i * n + j], 12);
            }
            // the padding between rows is never written
            for (let j = n; j < ldc && 4 + i * ldc + j < c.length; j++)
              expect(c[4 + i * ldc + j]).toBe(c0[4 + i * ldc + j]);
          }
        }
      });
    }
  }

  it('works on Float32Array too (within float32 rounding)', () => {
    const a = Float32Array.from(fill(6 * 5));
    const b = Float32Array.from(fill(5 * 7));
    const c = new Float32Array(6 * 7);
    tsKernels.gemm(false, false, 6, 7, 5, mat(a, 5), mat(b, 7), 0, mat(c, 7));
    const want = naive(false, false, 6, 7, 5, Float64Array.from(a), 5, 0, Float64Array.from(b), 7, 0);
    for (let i = 0; i < want.length; i++) expect(Math.abs(c[i] - want[i])).toBeLessThan(1e-5);
  });
});

describe('setKernels', () => {
  it('swaps the implementation every layer computes through, and hands back the previous one', async () => {
    const { kernels, setKernels } = await import('../../engine/kernels/index.ts');
    const { createLayer } = await import('../../engine/layers/registry.ts');
    let calls = 0;
    const counting = {
      gemm: (...args: Parameters<typeof tsKernels.gemm>) => {
        calls++;
        tsKernels.gemm(...args);
      },
    };
    const prev = setKernels(counting);
    try {
      expect(kernels()).toBe(counting);
      const node = { id: 'd', type: 'Dense', position: { x: 0, y: 0 }, params: { units: 2 } } as const;
      const layer = createLayer(node as never, [[3]], 'float64', new Rng(1));
      const y = layer.forward([{ shape: [1, 3], data: new Float64Array([1, 2, 3]) }], { instrument: false });
      layer.backward(y, { instrument: false });
      expect(calls).toBe(3); // forward, dW, dx
    } finally {
      setKernels(prev);
    }
    expect(kernels()).toBe(prev);
  });
});
