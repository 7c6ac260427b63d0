// Seeded validation split and epochs of shuffled mini-batches, gathered into preallocated buffers.
// batchSize 1 is stochastic gradient descent, "full" is batch gradient descent (one step per epoch),
// anything in between is mini-batch gradient descent. The last batch of an epoch may be smaller
// (PyTorch's DataLoader default, drop_last=False), so every training row is seen once per epoch.
import type { Rng } from '../random.ts';
import { allocArray, type DType, sizeOf, type Tensor } from '../tensor.ts';

/** Row indices of the training and the held-out validation part. */
export interface Split {
  train: Int32Array;
  val: Int32Array;
}

/**
 * Holds out round(n * fraction) rows for validation, chosen by a seeded permutation (not the last
 * rows, as Keras does: user CSVs are often sorted by label). At least one row stays for training.
 */
export function splitIndices(n: number, fraction: number, rng: Rng): Split {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  rng.shuffle(perm);
  const nVal = Math.min(Math.max(0, Math.round(n * fraction)), Math.max(0, n - 1));
  // Sorted so that the split does not depend on how the permutation ordered each part.
  const val = perm.slice(0, nVal).sort();
  const train = perm.slice(nVal).sort();
  return { train, val };
}

/** Number of rows per batch for a batchSize setting and a training-set size (clamped to the set). */
export function effectiveBatchSize(batchSize: number | 'full', nTrain: number): number {
  if (batchSize === 'full') return nTrain;
  return Math.max(1, Math.min(batchSize, nTrain));
}

/** Optimizer updates per epoch: ceil(nTrain / batch). */
export function stepsPerEpoch(batchSize: number | 'full', nTrain: number): number {
  if (nTrain === 0) return 0;
  return Math.ceil(nTrain / effectiveBatchSize(batchSize, nTrain));
}

/** Copies rows[start .. start+count) of src (row-major, rows on axis 0) into dst[0 .. count). */
export function gatherRows(
  src: Tensor,
  rows: ArrayLike<number>,
  start: number,
  count: number,
  dst: Tensor,
): void {
  const rowSize = sizeOf(src.shape.slice(1));
  const s = src.data;
  const d = dst.data;
  for (let r = 0; r < count; r++) {
    const from = rows[start + r] * rowSize;
    d.set(s.subarray(from, from + rowSize), r * rowSize);
  }
}

/** One batch: views of preallocated tensors, valid until the next call of next(). */
export interface Batch {
  x: Tensor;
  y: Tensor;
  /** rows in this batch */
  size: number;
}

/** Two preallocated tensors [rows, ...rowShape]: one for full batches, one for the last partial batch. */
function batchBuffers(
  shape: readonly number[],
  full: number,
  rest: number,
  dtype: DType,
): [Tensor, Tensor | null] {
  const row = shape.slice(1);
  const make = (b: number): Tensor => ({ shape: [b, ...row], data: allocArray(dtype, b * sizeOf(row)) });
  return [make(full), rest > 0 ? make(rest) : null];
}

/** Epochs of shuffled batches over a fixed set of rows. */
export class BatchSource {
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  private readonly rows: Int32Array;
  private readonly order: Int32Array;
  private readonly xFull: Tensor;
  private readonly yFull: Tensor;
  private readonly xRest: Tensor | null;
  private readonly yRest: Tensor | null;

  /** x [N, ...], y [N, ...]; rows = the indices to draw from; buffers in the model's dtype. */
  constructor(
    private readonly x: Tensor,
    private readonly y: Tensor,
    rows: Int32Array,
    batchSize: number | 'full',
    dtype: DType,
  ) {
    this.rows = rows.slice();
    this.order = rows.slice();
    this.batchSize = effectiveBatchSize(batchSize, rows.length);
    this.stepsPerEpoch = stepsPerEpoch(batchSize, rows.length);
    const rest = rows.length % this.batchSize;
    [this.xFull, this.xRest] = batchBuffers(x.shape, this.batchSize, rest, dtype);
    [this.yFull, this.yRest] = batchBuffers(y.shape, this.batchSize, rest, dtype);
  }

  /** A fresh permutation of the rows for a new epoch; it depends only on the rng's state (so reset repeats). */
  shuffle(rng: Rng): void {
    this.order.set(this.rows);
    rng.shuffle(this.order);
  }

  /** The k-th batch (0-based) of the current epoch's order. */
  batch(k: number): Batch {
    const start = k * this.batchSize;
    const size = Math.min(this.batchSize, this.order.length - start);
    const partial = size < this.batchSize;
    const bx = partial ? this.xRest! : this.xFull;
    const by = partial ? this.yRest! : this.yFull;
    gatherRows(this.x, this.order, start, size, bx);
    gatherRows(this.y, this.order, start, size, by);
    return { x: bx, y: by, size };
  }
}

/** Calls fn on consecutive chunks of at most `chunk` of the given rows (for evaluation). */
export function forEachChunk(
  x: Tensor,
  y: Tensor,
  rows: Int32Array,
  chunk: number,
  dtype: DType,
  fn: (b: Batch) => void,
): void {
  if (rows.length === 0) return;
  const src = new BatchSource(x, y, rows, Math.min(chunk, rows.length), dtype);
  for (let k = 0; k < src.stepsPerEpoch; k++) fn(src.batch(k));
}
