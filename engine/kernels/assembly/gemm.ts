// AssemblyScript source of the WebAssembly SIMD gemm (compiled by scripts/build-wasm.mjs with
// `asc --enable simd`; not part of the TypeScript project). C[m, n] = beta·C + op(A)·op(B) in
// float32, all four transpose cases. GotoBLAS-style: for each block of KC rows of op(B), the block
// is packed into panels of 8 columns; for each block of MC rows of op(A), that block is packed into
// panels of 4 rows; a 4x8 register tile (8 f32x4 accumulators) then runs over every panel pair.
// Packing pads with zeros, so edge tiles compute in full and only their valid part is written.
// Memory is a scratch area from __heap_base that the host sizes with reserve() and lays out itself.
// (The entry point is index.ts; the fused recurrent cells are in cells.ts.)

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 64;

/** First byte of the scratch area (16-byte aligned). */
export function scratchBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** Grows memory so that `bytes` fit from scratchBase(); returns 0 when memory cannot grow. */
export function reserve(bytes: usize): usize {
  const need = scratchBase() + bytes;
  const have = (<usize>memory.size()) << 16;
  if (need > have) {
    const pages = <i32>((need - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  return scratchBase();
}

/** Bytes of packing space gemm() needs for n columns (the host adds it after A, B and C). */
export function packBytes(n: i32): usize {
  const nPanels = (n + NR - 1) / NR;
  return <usize>(MC * KC + KC * nPanels * NR) << 2;
}

// op(B) rows p0..p0+kc, all n columns -> panels of NR columns: panel jp holds kc rows of NR floats.
function packB(b: usize, ldb: i32, transB: i32, p0: i32, kc: i32, n: i32, dst: usize): void {
  for (let j0 = 0; j0 < n; j0 += NR) {
    const w = min(NR, n - j0);
    if (!transB && w == NR) {
      for (let p = 0; p < kc; p++) {
        const src = b + ((<usize>(p0 + p) * ldb + j0) << 2);
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        dst += NR << 2;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      for (let jj = 0; jj < NR; jj++) {
        let v: f32 = 0;
        if (jj < w) {
          const j = j0 + jj;
          v = transB
            ? load<f32>(b + ((<usize>j * ldb + p0 + p) << 2))
            : load<f32>(b + ((<usize>(p0 + p) * ldb + j) << 2));
        }
        store<f32>(dst + (<usize>jj << 2), v);
      }
      dst += NR << 2;
    }
  }
}

// op(A) rows i0..i0+mc, columns p0..p0+kc -> panels of MR rows: panel ip holds kc columns of MR floats.
function packA(a: usize, lda: i32, transA: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let r0 = 0; r0 < mc; r0 += MR) {
    const h = min(MR, mc - r0);
    if (transA && h == MR) {
      // A stored [k, m]: the MR rows of op(A) at column p are MR consecutive floats
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(a + ((<usize>(p0 + p) * lda + i0 + r0) << 2)));
        dst += MR << 2;
      }
      continue;
    }
    let p = 0;
    if (!transA && h == MR) {
      // four rows of A, four columns at a time: a 4x4 transpose in registers
      const row = a + ((<usize>(i0 + r0) * lda + p0) << 2);
      const rs = <usize>lda << 2;
      for (; p + 4 <= kc; p += 4) {
        const q = <usize>p << 2;
        const x0 = v128.load(row + q);
        const x1 = v128.load(row + rs + q);
        const x2 = v128.load(row + 2 * rs + q);
        const x3 = v128.load(row + 3 * rs + q);
        const lo01 = i32x4.shuffle(x0, x1, 0, 4, 1, 5);
        const lo23 = i32x4.shuffle(x2, x3, 0, 4, 1, 5);
        const hi01 = i32x4.shuffle(x0, x1, 2, 6, 3, 7);
        const hi23 = i32x4.shuffle(x2, x3, 2, 6, 3, 7);
        v128.store(dst, i32x4.shuffle(lo01, lo23, 0, 1, 4, 5));
        v128.store(dst, i32x4.shuffle(lo01, lo23, 2, 3, 6, 7), 16);
        v128.store(dst, i32x4.shuffle(hi01, hi23, 0, 1, 4, 5), 32);
        v128.store(dst, i32x4.shuffle(hi01, hi23, 2, 3, 6, 7), 48);
        dst += (MR << 2) * 4;
      }
    }
    for (; p < kc; p++) {
      for (let ii = 0; ii < MR; ii++) {
        let v: f32 = 0;
        if (ii < h) {
          const i = i0 + r0 + ii;
          v = transA
            ? load<f32>(a + ((<usize>(p0 + p) * lda + i) << 2))
            : load<f32>(a + ((<usize>i * lda + p0 + p) << 2));
        }
        store<f32>(dst + (<usize>ii << 2), v);
      }
      dst += MR << 2;
    }
  }
}

// Stores (add = 0) or adds (add = 1) one accumulator row (8 floats) into C, writing w <= 8 columns.
@inline
function putRow(c: usize, lo: v128, hi: v128, w: i32, add: i32, tmp: usize): void {
  if (w == NR) {
    if (add) {
      lo = f32x4.add(lo, v128.load(c));
      hi = f32x4.add(hi, v128.load(c, 16));
    }
    v128.store(c, lo);
    v128.store(c, hi, 16);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let j = 0; j < w; j++) {
    const o = c + (<usize>j << 2);
    const v = load<f32>(tmp + (<usize>j << 2));
    store<f32>(o, add ? load<f32>(o) + v : v);
  }
}

// One 4x8 tile: C[i.., j..] (+)= Ap panel (kc x 4) times Bp panel (kc x 8); h x w of it is valid.
function tile(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, h: i32, w: i32, add: i32, tmp: usize): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += MR << 2;
    bp += NR << 2;
  }
  const row = <usize>ldc << 2;
  putRow(c, c00, c01, w, add, tmp);
  if (h > 1) putRow(c + row, c10, c11, w, add, tmp);
  if (h > 2) putRow(c + 2 * row, c20, c21, w, add, tmp);
  if (h > 3) putRow(c + 3 * row, c30, c31, w, add, tmp);
}

// The macro kernel over one KC-deep block: op(A) rows packed MC at a time, op(B) already packed at bp.
function block(a: usize, lda: i32, transA: i32, m: i32, n: i32, p0: i32, kc: i32, pb: usize, c: usize, ldc: i32, add: i32, pa: usize, tmp: usize): void {
  for (let i0 = 0; i0 < m; i0 += MC) {
    const mc = min(MC, m - i0);
    packA(a, lda, transA, i0, mc, p0, kc, pa);
    for (let j0 = 0; j0 < n; j0 += NR) {
      const w = min(NR, n - j0);
      const bp = pb + ((<usize>j0 * kc) << 2);
      for (let r0 = 0; r0 < mc; r0 += MR) {
        const h = min(MR, mc - r0);
        const ap = pa + ((<usize>r0 * kc) << 2);
        const cc = c + ((<usize>(i0 + r0) * ldc + j0) << 2);
        tile(ap, bp, kc, cc, ldc, h, w, add, tmp);
      }
    }
  }
}

/** True (and C = beta·C done) when there is nothing to multiply: no rows, no columns or k = 0. */
function empty(m: i32, n: i32, k: i32, beta: i32, c: usize, ldc: i32): bool {
  if (m <= 0 || n <= 0) return true;
  if (k > 0) return false;
  if (!beta) for (let i = 0; i < m; i++) memory.fill(c + ((<usize>i * ldc) << 2), 0, <usize>n << 2);
  return true;
}

/**
 * C = beta·C + op(A)·op(B); pointers are byte addresses of row-major float32 matrices with leading
 * dimensions lda, ldb, ldc (A stored [k, m] when transA, B stored [n, k] when transB). `pack` points
 * at packBytes(n) bytes of scratch, `tmp` at 32 bytes.
 */
export function gemm(
  transA: i32,
  transB: i32,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  b: usize,
  ldb: i32,
  beta: i32,
  c: usize,
  ldc: i32,
  pack: usize,
  tmp: usize,
): void {
  if (empty(m, n, k, beta, c, ldc)) return;
  const pa = pack;
  const pb = pack + (<usize>(MC * KC) << 2);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    packB(b, ldb, transB, p0, kc, n, pb);
    block(a, lda, transA, m, n, p0, kc, pb, c, ldc, beta || p0 > 0 ? 1 : 0, pa, tmp);
  }
}

// ---- a right operand packed once and used for many products (W_hh over a whole sequence) ----

/** Bytes packBAll needs for op(B) [k, n]. */
export function packedBBytes(k: i32, n: i32): usize {
  return <usize>k * <usize>(((n + NR - 1) / NR) * NR) << 2;
}

/** Packs all of op(B) [k, n] (every KC block, one after another) for gemmPackedB. */
export function packBAll(b: usize, ldb: i32, transB: i32, k: i32, n: i32, dst: usize): void {
  const width = <usize>(((n + NR - 1) / NR) * NR);
  for (let p0 = 0; p0 < k; p0 += KC) packB(b, ldb, transB, p0, min(KC, k - p0), n, dst + ((<usize>p0 * width) << 2));
}

/** gemm() with op(B) already packed by packBAll; `pack` points at MC·KC floats of scratch for A. */
export function gemmPackedB(
  transA: i32,
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  pb: usize,
  beta: i32,
  c: usize,
  ldc: i32,
  pack: usize,
  tmp: usize,
): void {
  if (empty(m, n, k, beta, c, ldc)) return;
  const width = <usize>(((n + NR - 1) / NR) * NR);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    block(a, lda, transA, m, n, p0, kc, pb + ((<usize>p0 * width) << 2), c, ldc, beta || p0 > 0 ? 1 : 0, pack, tmp);
  }
}
