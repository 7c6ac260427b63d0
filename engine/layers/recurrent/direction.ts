// The one time loop every recurrent layer shares: one direction (forward or reverse) of a cell over a
// [B, T, I] sequence. Forward: one big gemm x·W_ihᵀ for all steps, then the cell step by step.
// Backward (BPTT): steps in reverse visiting order, the cell turning dh_t into δz_t and dh_{t-1};
// then one big gemm each for dX and dW_ih over all steps.
import { checkInterrupt, type InterruptCheck } from '../../interrupt.ts';
import { type Kernels, kernels, type RecurrentWorkspace } from '../../kernels/index.ts';
import type { DType, FloatArray } from '../../tensor.ts';
import { Arena } from './arena.ts';
import { l2norm } from '../../tensor.ts';
import type { Cell, SeqBuffers } from './cell.ts';
import { allocSeq, matView } from './cell.ts';

/** Where this direction's dL/dh comes from in a backward pass. */
export interface Upstream {
  /** dL/dy of the layer: [B, T, width] when seq, [B, width] otherwise; null = no upstream */
  data: FloatArray | null;
  /** row width of data (H, or 2H bidirectional) */
  width: number;
  /** this direction's first column in data (0 forward, H reverse) */
  col: number;
  /** true: data has every step (returnSequences); false: only this direction's final step */
  seq: boolean;
  /** [B, H] extra seed dL/dh at this direction's final step (its final state), or null */
  final: FloatArray | null;
}

/** One direction of a recurrent layer: a cell, its buffers, and the loop over time. */
export class Direction {
  private s: SeqBuffers | null = null;
  private readonly arena: Arena;
  /** the kernel set the buffers were made for, and its workspace for this direction (float32) */
  private madeFor: Kernels | null = null;
  private ws: RecurrentWorkspace | null = null;

  constructor(
    readonly cell: Cell,
    /** true: visits t = T first (the backward direction of a bidirectional layer) */
    readonly reverse: boolean,
    private readonly dtype: DType,
    readonly H: number,
    readonly I: number,
  ) {
    this.arena = new Arena(dtype);
  }

  /** Buffers of the last forward (throws before any forward). */
  get buffers(): SeqBuffers {
    if (!this.s) throw new Error('recurrent layer: backward or state read before any forward');
    return this.s;
  }

  /** Position visited k-th (k = 0 first). */
  pos(k: number, T: number): number {
    return this.reverse ? T - 1 - k : k;
  }

  /** The position of this direction's final state (its last step). */
  lastPos(T: number): number {
    return this.pos(T - 1, T);
  }

  private ensure(B: number, T: number): SeqBuffers {
    const s = this.s;
    const k = kernels();
    if (s && s.B === B && s.T === T && this.madeFor === k) return s;
    if (this.madeFor !== k) {
      // a new kernel set (setKernels): its own workspace, or none (TypeScript loops, float64)
      this.ws = this.dtype === 'float32' ? (k.recurrentWorkspace?.(this.cell.gates, this.H) ?? null) : null;
      this.madeFor = k;
    }
    this.s = allocSeq(this.arena, this.ws, B, T, this.H, this.cell.gates, this.I, this.cell.needs);
    return this.s;
  }

  /** Run over x [B, T, I]; afterwards buffers.h holds h at every position. */
  forward(x: FloatArray, B: number, T: number, check?: InterruptCheck): void {
    const s = this.ensure(B, T);
    const { cell, I } = this;
    const GH = cell.gates * this.H;
    const ws = s.ws;
    // with a workspace, x and W_ih are copied in once for the whole pass (backward reuses them) and
    // the products run on its memory, where xz, dxz and hPrev already are
    if (ws) {
      s.extra.x.set(x);
      s.extra.wIh.set(cell.wIh.value.data);
    }
    const k = ws ? ws.kernels : kernels();
    const xIn = ws ? s.extra.x : x;
    const wIh = ws ? s.extra.wIh : cell.wIh.value.data;
    k.gemm(false, true, B * T, GH, I, matView(xIn, I), matView(wIh, I), 0, matView(s.xz, GH));
    const bias = cell.inputBias.value.data;
    if (s.ws) {
      s.extra.inputBias.set(bias);
      s.ws.addRowVector(s.xz, 0, B * T, GH, s.extra.inputBias);
    } else {
      for (let r = 0; r < B * T; r++) {
        const o = r * GH;
        for (let j = 0; j < GH; j++) s.xz[o + j] += bias[j];
      }
    }
    cell.beginPass?.(s, false);
    for (let k = 0; k < T; k++) {
      if (check) checkInterrupt(check, { pass: 'forward', timeStep: this.pos(k, T) + 1, steps: T });
      cell.forwardStep(s, this.pos(k, T), k > 0 ? this.pos(k - 1, T) : -1);
    }
  }

  /**
   * BPTT over the last forward. Adds into every param grad; writes dX (beta 0) or adds to it (beta 1).
   * When norms is given, norms[p] = ||dL/dh_p|| (total derivative) for every position p.
   */
  backward(
    up: Upstream,
    x: FloatArray,
    dX: FloatArray,
    beta: 0 | 1,
    norms: Float64Array | null,
    check?: InterruptCheck,
  ): void {
    const s = this.buffers;
    const { B, T, H } = s;
    s.dh.fill(0);
    s.dc.fill(0);
    this.cell.beginPass?.(s, true);
    for (let k = T - 1; k >= 0; k--) {
      const p = this.pos(k, T);
      if (check) checkInterrupt(check, { pass: 'backward', timeStep: p + 1, steps: T });
      this.addUpstream(s, up, p, k === T - 1);
      if (norms) norms[p] = l2norm(s.dh);
      this.cell.backwardStep(s, p, k > 0 ? this.pos(k - 1, T) : -1);
      // the cell wrote the adjoints of the previous step: they become the current ones
      [s.dh, s.dhPrev] = [s.dhPrev, s.dh];
      [s.dc, s.dcPrev] = [s.dcPrev, s.dc];
    }
    this.cell.endBackward?.(s);
    const { cell, I } = this;
    const GH = cell.gates * H;
    const ws = s.ws;
    const k = ws ? ws.kernels : kernels();
    const xIn = ws ? s.extra.x : x;
    const wIh = ws ? s.extra.wIh : cell.wIh.value.data;
    const deferred = cell.needs.deferredRecurrentGrad;
    if (deferred && cell.wHh) {
      // dW_hh = Σ_t dz_tᵀ·h_{t-1} as one [GH, B·T]·[B·T, H] product (the first step's h_q is zero)
      this.fillPrevStates(s);
      const dz = deferred === 'dRec' ? s.dRec : s.dxz;
      k.gemm(
        true,
        false,
        GH,
        H,
        B * T,
        matView(dz, GH),
        matView(s.hPrev, H),
        1,
        matView(cell.wHh.grad.data, H),
      );
    }
    k.gemm(false, false, B * T, I, GH, matView(s.dxz, GH), matView(wIh, I), beta, matView(dX, I));
    k.gemm(true, false, GH, I, B * T, matView(s.dxz, GH), matView(xIn, I), 1, matView(cell.wIh.grad.data, I));
    const db = cell.inputBias.grad.data;
    if (s.ws) {
      // through the resident copy, rows in the same order: the same float32 sums as the loop below
      s.extra.inputBias.set(db);
      s.ws.addColumnSums(s.dxz, 0, B * T, GH, s.extra.inputBias);
      db.set(s.extra.inputBias);
    } else {
      for (let r = 0; r < B * T; r++) {
        const o = r * GH;
        for (let j = 0; j < GH; j++) db[j] += s.dxz[o + j];
      }
    }
  }

  /** hPrev[b, p] = h at the step visited before p (zeros for the first visited step). */
  private fillPrevStates(s: SeqBuffers): void {
    const { B, T, H, h, hPrev } = s;
    for (let b = 0; b < B; b++) {
      const row = b * T * H;
      if (this.reverse) {
        hPrev.set(h.subarray(row + H, row + T * H), row);
        hPrev.fill(0, row + (T - 1) * H, row + T * H);
      } else {
        hPrev.fill(0, row, row + H);
        hPrev.set(h.subarray(row, row + (T - 1) * H), row + H);
      }
    }
  }

  private addUpstream(s: SeqBuffers, up: Upstream, p: number, isFinal: boolean): void {
    const { B, T, H, dh } = s;
    const d = up.data;
    if (d && (up.seq || isFinal)) {
      for (let b = 0; b < B; b++) {
        const o = (up.seq ? b * T + p : b) * up.width + up.col;
        for (let j = 0; j < H; j++) dh[b * H + j] += d[o + j];
      }
    }
    if (up.final && isFinal) {
      for (let i = 0; i < B * H; i++) dh[i] += up.final[i];
    }
  }
}
