// Reference kernels in plain TypeScript. Loop orders keep the innermost loop walking memory with
// stride 1 (i-p-j for A·B), which is what makes plain JS matmul fast. Unrolling by 4 (four rows
// of B per pass over a row of C, four dot products per pass over a row of A) cuts the loads and
// stores of the inner loop roughly fourfold; nothing is allocated.
import type { Kernels, MatView } from './types.ts';
import type { FloatArray } from '../tensor.ts';

/** C[i, :] += Σ_p op(A)(i, p) · B[p, :] for one row i (B not transposed). */
function rowTimesB(
  a: FloatArray,
  aOff: number,
  aStep: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  c: FloatArray,
  ci: number,
  n: number,
  k: number,
): void {
  let p = 0;
  for (; p + 3 < k; p += 4) {
    const a0 = a[aOff + p * aStep];
    const a1 = a[aOff + (p + 1) * aStep];
    const a2 = a[aOff + (p + 2) * aStep];
    const a3 = a[aOff + (p + 3) * aStep];
    if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue; // relu zeros, one-hot rows
    const b0 = bOff + p * ldb;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    for (let j = 0; j < n; j++)
      c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
  }
  for (; p < k; p++) {
    const ap = a[aOff + p * aStep];
    if (ap === 0) continue;
    const bp = bOff + p * ldb;
    for (let j = 0; j < n; j++) c[ci + j] += ap * b[bp + j];
  }
}

/** Rows i and i+1 of C += op(A)·B at once: each loaded element of B serves both rows. */
function twoRowsTimesB(
  a: FloatArray,
  aOff: number,
  rowStride: number,
  aStep: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  c: FloatArray,
  ci: number,
  ldc: number,
  n: number,
  k: number,
): void {
  const aOff1 = aOff + rowStride;
  const ci1 = ci + ldc;
  let p = 0;
  for (; p + 3 < k; p += 4) {
    const q0 = p * aStep;
    const q1 = q0 + aStep;
    const q2 = q1 + aStep;
    const q3 = q2 + aStep;
    const a00 = a[aOff + q0];
    const a01 = a[aOff + q1];
    const a02 = a[aOff + q2];
    const a03 = a[aOff + q3];
    const a10 = a[aOff1 + q0];
    const a11 = a[aOff1 + q1];
    const a12 = a[aOff1 + q2];
    const a13 = a[aOff1 + q3];
    const b0 = bOff + p * ldb;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    for (let j = 0; j < n; j++) {
      const y0 = b[b0 + j];
      const y1 = b[b1 + j];
      const y2 = b[b2 + j];
      const y3 = b[b3 + j];
      c[ci + j] += a00 * y0 + a01 * y1 + a02 * y2 + a03 * y3;
      c[ci1 + j] += a10 * y0 + a11 * y1 + a12 * y2 + a13 * y3;
    }
  }
  for (; p < k; p++) {
    const x0 = a[aOff + p * aStep];
    const x1 = a[aOff1 + p * aStep];
    const bp = bOff + p * ldb;
    for (let j = 0; j < n; j++) {
      const y = b[bp + j];
      c[ci + j] += x0 * y;
      c[ci1 + j] += x1 * y;
    }
  }
}

/** C[i, j..j+3] += dot(A[i, :], B[j.., :]) for B stored [n, k] (transposed operand). */
function rowDotRows(
  a: FloatArray,
  ai: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  c: FloatArray,
  ci: number,
  n: number,
  k: number,
): void {
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const b0 = bOff + j * ldb;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let p = 0; p < k; p++) {
      const av = a[ai + p];
      s0 += av * b[b0 + p];
      s1 += av * b[b1 + p];
      s2 += av * b[b2 + p];
      s3 += av * b[b3 + p];
    }
    c[ci + j] += s0;
    c[ci + j + 1] += s1;
    c[ci + j + 2] += s2;
    c[ci + j + 3] += s3;
  }
  for (; j < n; j++) {
    const bj = bOff + j * ldb;
    let s = 0;
    for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
    c[ci + j] += s;
  }
}

/** Rows i and i+1 of C += A·Bᵀ at once: each loaded element of B serves two dot products. */
function twoRowsDotRows(
  a: FloatArray,
  ai: number,
  lda: number,
  b: FloatArray,
  bOff: number,
  ldb: number,
  c: FloatArray,
  ci: number,
  ldc: number,
  n: number,
  k: number,
): void {
  const ai1 = ai + lda;
  const ci1 = ci + ldc;
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const b0 = bOff + j * ldb;
    const b1 = b0 + ldb;
    const b2 = b1 + ldb;
    const b3 = b2 + ldb;
    let s00 = 0;
    let s01 = 0;
    let s02 = 0;
    let s03 = 0;
    let s10 = 0;
    let s11 = 0;
    let s12 = 0;
    let s13 = 0;
    for (let p = 0; p < k; p++) {
      const x0 = a[ai + p];
      const x1 = a[ai1 + p];
      const y0 = b[b0 + p];
      const y1 = b[b1 + p];
      const y2 = b[b2 + p];
      const y3 = b[b3 + p];
      s00 += x0 * y0;
      s01 += x0 * y1;
      s02 += x0 * y2;
      s03 += x0 * y3;
      s10 += x1 * y0;
      s11 += x1 * y1;
      s12 += x1 * y2;
      s13 += x1 * y3;
    }
    c[ci + j] += s00;
    c[ci + j + 1] += s01;
    c[ci + j + 2] += s02;
    c[ci + j + 3] += s03;
    c[ci1 + j] += s10;
    c[ci1 + j + 1] += s11;
    c[ci1 + j + 2] += s12;
    c[ci1 + j + 3] += s13;
  }
  for (; j < n; j++) {
    const bj = bOff + j * ldb;
    let s0 = 0;
    let s1 = 0;
    for (let p = 0; p < k; p++) {
      s0 += a[ai + p] * b[bj + p];
      s1 += a[ai1 + p] * b[bj + p];
    }
    c[ci + j] += s0;
    c[ci1 + j] += s1;
  }
}

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
  const ldc = C.ld;
  if (beta === 0) {
    for (let i = 0; i < m; i++) c.fill(0, C.off + i * ldc, C.off + i * ldc + n);
  }
  if (!transB) {
    // row i of op(A): A[i, p] at off + i·lda + p, or Aᵀ: A[p, i] at off + p·lda + i
    // row i of op(A) starts at aRow(i) and steps by aStep along p
    const aStep = transA ? lda : 1;
    const rowStride = transA ? 1 : lda;
    let i = 0;
    for (; i + 1 < m; i += 2) {
      twoRowsTimesB(
        a,
        A.off + i * rowStride,
        rowStride,
        aStep,
        b,
        B.off,
        B.ld,
        c,
        C.off + i * ldc,
        ldc,
        n,
        k,
      );
    }
    for (; i < m; i++) rowTimesB(a, A.off + i * rowStride, aStep, b, B.off, B.ld, c, C.off + i * ldc, n, k);
    return;
  }
  if (!transA) {
    let i = 0;
    for (; i + 1 < m; i += 2)
      twoRowsDotRows(a, A.off + i * lda, lda, b, B.off, B.ld, c, C.off + i * ldc, ldc, n, k);
    for (; i < m; i++) rowDotRows(a, A.off + i * lda, b, B.off, B.ld, c, C.off + i * ldc, n, k);
    return;
  }
  // Aᵀ·Bᵀ is rare; plain triple loop.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[A.off + p * lda + i] * b[B.off + j * B.ld + p];
      c[C.off + i * ldc + j] += s;
    }
  }
}

/** The reference TypeScript kernels. */
export const tsKernels: Kernels = { gemm };
