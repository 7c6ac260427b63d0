// The rows of an embedding table's gradient that backward has written since the last zeroing: with a
// 20,000-word vocabulary a batch touches a few thousand rows, and zeroing, norming and clipping the
// other rows (all exactly zero) was most of a step's parameter passes.
import type { FloatArray } from '../tensor.ts';
import type { SparseGrad } from './layer.ts';

/** A set of row indices with O(1) add, kept ascending on demand. */
export class TouchedRows implements SparseGrad {
  private readonly seen: Uint8Array;
  private list: Int32Array;
  private count = 0;
  private sorted = true;

  constructor(
    nRows: number,
    readonly rowSize: number,
    private readonly grad: FloatArray,
  ) {
    this.seen = new Uint8Array(nRows);
    this.list = new Int32Array(Math.min(nRows, 1024));
  }

  /** Marks a row as (possibly) nonzero. */
  add(row: number): void {
    if (this.seen[row]) return;
    this.seen[row] = 1;
    if (this.count === this.list.length) {
      const bigger = new Int32Array(Math.min(this.seen.length, this.list.length * 2));
      bigger.set(this.list);
      this.list = bigger;
    }
    if (this.count > 0 && this.list[this.count - 1] > row) this.sorted = false;
    this.list[this.count++] = row;
  }

  rows(): Int32Array {
    const r = this.list.subarray(0, this.count);
    if (!this.sorted) {
      r.sort();
      this.sorted = true;
    }
    return r;
  }

  zero(): void {
    const D = this.rowSize;
    for (let i = 0; i < this.count; i++) {
      const row = this.list[i];
      this.grad.fill(0, row * D, row * D + D);
      this.seen[row] = 0;
    }
    this.count = 0;
    this.sorted = true;
  }
}
