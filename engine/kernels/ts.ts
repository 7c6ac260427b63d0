// Reference kernels in plain TypeScript. Loop orders keep the innermost loop walking memory with
// stride 1 (i-p-j for A·B), which is what makes plain JS matmul fast.
import type { Kernels, MatView } from './types.ts';

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
  const a = A.data;
  const b = B.data;
  const c = C.data;
  const lda = A.ld;
  const ldb = B.ld;
  const ldc = C.ld;
  if (beta === 0) {
    for (let i = 0; i < m; i++) c.fill(0, C.off + i * ldc, C.off + i * ldc + n);
  }
  if (!transB) {
    // C[i, :] += A(i, p) * B[p, :]  (stride-1 inner loop over j)
    for (let i = 0; i < m; i++) {
      const ci = C.off + i * ldc;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[A.off + p * lda + i] : a[A.off + i * lda + p];
        if (aip === 0) continue;
        const bp = B.off + p * ldb;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
      }
    }
    return;
  }
  if (!transA) {
    // C[i, j] += dot(A[i, :], B[j, :])  (both rows are contiguous)
    for (let i = 0; i < m; i++) {
      const ai = A.off + i * lda;
      const ci = C.off + i * ldc;
      for (let j = 0; j < n; j++) {
        const bj = B.off + j * ldb;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
        c[ci + j] += s;
      }
    }
    return;
  }
  // Aᵀ·Bᵀ is rare; plain triple loop.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[A.off + p * lda + i] * b[B.off + j * ldb + p];
      c[C.off + i * ldc + j] += s;
    }
  }
}

/** The reference TypeScript kernels. */
export const tsKernels: Kernels = { gemm };
