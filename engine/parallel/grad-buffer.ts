// A second copy of a model's gradients laid out flat: what the other shard computed. The shard's
// worker (or the one worker, for its second shard) writes into it; the trainer adds it into the
// model's own gradients. Embedding-like parameters (sparse gradients) move only their written rows,
// with the row list beside them, so the sum's touched rows are the union of the two shards'.
import type { ModelParam } from '../model.ts';
import type { FloatArray } from '../tensor.ts';

/** Where each parameter lives in the flat arrays. */
export interface GradLayout {
  /** element offset of each param (model.params order) in the values/grads array */
  offsets: number[];
  /** total elements */
  size: number;
  /** per param: offset in the rows array of its [count, row, row, ...] slot, or -1 when dense */
  rowSlots: number[];
  /** total Int32 entries of the rows array */
  rowsSize: number;
}

/** The layout of a model's params (the same on both sides of a worker boundary). */
export function gradLayout(params: readonly ModelParam[]): GradLayout {
  const offsets: number[] = [];
  const rowSlots: number[] = [];
  let size = 0;
  let rowsSize = 0;
  for (const p of params) {
    offsets.push(size);
    size += p.grad.data.length;
    if (p.sparse) {
      rowSlots.push(rowsSize);
      rowsSize += 1 + p.grad.data.length / p.sparse.rowSize;
    } else rowSlots.push(-1);
  }
  return { offsets, size, rowSlots, rowsSize };
}

/** Flat gradient storage: `data` (the model's dtype) and `rows` (Int32), maybe in shared memory. */
export interface GradBuffer {
  layout: GradLayout;
  data: FloatArray;
  rows: Int32Array;
}

/** Copies the model's gradients into the buffer (sparse params: only their written rows). */
export function writeGrads(params: readonly ModelParam[], buf: GradBuffer): void {
  const { offsets, rowSlots } = buf.layout;
  params.forEach((p, i) => {
    const g = p.grad.data;
    const off = offsets[i];
    if (!p.sparse) {
      buf.data.set(g, off);
      return;
    }
    const D = p.sparse.rowSize;
    const rows = p.sparse.rows();
    const slot = rowSlots[i];
    buf.rows[slot] = rows.length;
    buf.rows.set(rows, slot + 1);
    for (const r of rows) buf.data.set(g.subarray(r * D, r * D + D), off + r * D);
  });
}

/** Adds the buffer's gradients into the model's (sparse params: the buffer's rows, marked written). */
export function addGrads(params: readonly ModelParam[], buf: GradBuffer): void {
  const { offsets, rowSlots } = buf.layout;
  const src = buf.data;
  params.forEach((p, i) => {
    const g = p.grad.data;
    const off = offsets[i];
    if (!p.sparse) {
      for (let j = 0; j < g.length; j++) g[j] += src[off + j];
      return;
    }
    const D = p.sparse.rowSize;
    const slot = rowSlots[i];
    const n = buf.rows[slot];
    for (let k = 0; k < n; k++) {
      const r = buf.rows[slot + 1 + k];
      p.sparse.add(r);
      const base = r * D;
      for (let j = 0; j < D; j++) g[base + j] += src[off + base + j];
    }
  });
}
