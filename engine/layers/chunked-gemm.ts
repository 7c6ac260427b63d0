// A big product split into blocks of output rows with an interrupt check between blocks, so Ctrl-C
// is honoured within one block rather than after a product that can take a minute (a 4096-wide Dense
// on 2,000 rows is 34 G multiply-adds per product). Each output row is computed exactly as in one call
// (same k order; blocks start on multiples of 8, so the kernels' row tiles line up): bit-identical.
import { kernels } from '../kernels/index.ts';
import type { MatView } from '../kernels/types.ts';
import { checkInterrupt, type InterruptCheck } from '../interrupt.ts';

/** Multiply-adds per block worth an interrupt check (~0.01-0.3 s depending on the kernels). */
const BLOCK_WORK = 2 ** 28;
/** Fewest rows per block: each call copies and packs the whole B operand, so thin blocks cost extra. */
const MIN_BLOCK_ROWS = 256;

/** Rows per block of a product with n x k B (a block at least as tall as the product = one call). */
export function blockRows(n: number, k: number): number {
  const rows = Math.max(MIN_BLOCK_ROWS, Math.ceil(BLOCK_WORK / Math.max(1, n * k)));
  return Math.ceil(rows / 8) * 8;
}

/** kernels().gemm (same arguments), checking `check` before each block of rows when given. */
export function interruptibleGemm(
  check: InterruptCheck | undefined,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  A: MatView,
  B: MatView,
  beta: 0 | 1,
  C: MatView,
  rowsPerBlock = blockRows(n, k),
): void {
  const gemm = kernels().gemm;
  if (!check || rowsPerBlock >= m) {
    checkInterrupt(check);
    gemm(transA, transB, m, n, k, A, B, beta, C);
    return;
  }
  // row i of op(A) is row i of A, or column i of A when transposed
  const aStep = transA ? 1 : A.ld;
  for (let r0 = 0; r0 < m; r0 += rowsPerBlock) {
    checkInterrupt(check);
    const rows = Math.min(rowsPerBlock, m - r0);
    const a = { data: A.data, off: A.off + r0 * aStep, ld: A.ld };
    const c = { data: C.data, off: C.off + r0 * C.ld, ld: C.ld };
    gemm(transA, transB, rows, n, k, a, B, beta, c);
  }
}
