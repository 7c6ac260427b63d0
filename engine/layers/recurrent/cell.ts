// The contract between the shared time loop (direction.ts) and a one-step cell (rnn.ts, lstm.ts,
// lstm-prototype.ts, gru.ts). The loop owns every buffer and the input projection x·W_ihᵀ (one big
// gemm over all steps, before the loop); a cell owns one step: the recurrent gemm, the gate math,
// and that step's hand-derived backward.
//
// Layout (all batch-first, row-major): step p of a [B, T, W] buffer is the [B, W] matrix at
// offset p*W with leading dimension T*W, so a cell gemms straight into the sequence buffers.
import type { MatView, RecurrentWorkspace } from '../../kernels/index.ts';
import type { FloatArray } from '../../tensor.ts';
import { sigmoidSaturated, tanhSaturated } from '../activations.ts';
import type { Param } from '../layer.ts';
import type { Arena } from './arena.ts';

/** Per-direction buffers for one (batch B, length T); allocated once and reused across passes. */
export interface SeqBuffers {
  B: number;
  T: number;
  /** units */
  H: number;
  /** gate blocks: RNN 1, LSTM 4, GRU 3 */
  G: number;
  /** [B, T, G*H]: x·W_ihᵀ + input bias; cells overwrite it with the gate activations of each step */
  xz: FloatArray;
  /** [B, T, H]: the output h_t (prototype: the state s_t) at each position */
  h: FloatArray;
  /** [B, T, H]: LSTM cell state c_t (standard/peephole), else unused (length 0) */
  c: FloatArray;
  /** [B, T, H]: what a cell keeps for backward (LSTM tanh(c_t), GRU h·W_hnᵀ+b_hn, prototype o⊙s_{t-1}) */
  aux: FloatArray;
  /** [B, T, G*H]: dL/d(input pre-activations) of each step, written by the cell's backward */
  dxz: FloatArray;
  /** [B, H]: total adjoint dL/dh_p of the step being back-propagated (read by the cell) */
  dh: FloatArray;
  /** [B, H]: the cell writes dL/dh_q (q = the previous step) here */
  dhPrev: FloatArray;
  /** [B, H]: adjoint of c_p carried from later steps (LSTM only) */
  dc: FloatArray;
  /** [B, H]: the cell writes dL/dc_q here (LSTM only) */
  dcPrev: FloatArray;
  /** [B, G*H]: per-step scratch */
  scratch: FloatArray;
  /** [B, T, H]: the state each step started from (h_q, zeros at the first visited step), filled
   *  before backward for cells that sum dW_hh in one gemm after the time loop */
  hPrev: FloatArray;
  /** [B, T, G*H]: dL/d(recurrent pre-activations) per step when they differ from dxz (GRU), else length 0 */
  dRec: FloatArray;
  /** the WebAssembly workspace every buffer above lives in (float32 with the fast kernels), else null:
   *  cells then run their TypeScript loops, the reference */
  ws: RecurrentWorkspace | null;
  /** the cell's own resident arrays (needs.resident) and the loop's `inputBias` [G*H], `x` [B*T*I] and
   *  `wIh` [G*H, I], only with a workspace */
  extra: Record<string, Float32Array>;
}

/** What a cell needs besides the common buffers. */
export interface CellNeeds {
  cellState: boolean;
  aux: boolean;
  /** the cell sums dW_hh after the loop from hPrev (and dRec when set) instead of at every step */
  deferredRecurrentGrad?: 'dxz' | 'dRec';
  /** extra arrays (name -> length) the cell keeps in a workspace, e.g. peepholes and their gradient */
  resident?: Record<string, number>;
}

/** One recurrent step, forward and backward. `q` is the previous position, or -1 (zero state). */
export interface Cell {
  /** gate blocks stacked in W_ih / W_hh rows */
  readonly gates: number;
  readonly needs: CellNeeds;
  /** this direction's params (names without the _rev suffix added by the layer) */
  readonly params: Param[];
  /** [G*H, I] input weights, applied by the loop for all steps at once */
  readonly wIh: Param;
  /** [G*H] bias added to the input projection by the loop (b, or GRU's b_ih) */
  readonly inputBias: Param;
  /** Compute step p from xz (holding x·W_ihᵀ + bias at p) and the state at q; write h (and c) at p. */
  forwardStep(s: SeqBuffers, p: number, q: number): void;
  /** Given s.dh (and s.dc) for step p: write s.dxz at p, s.dhPrev (and s.dcPrev) when q >= 0,
   *  and ACCUMULATE this step's share of the recurrent param grads (except dW_hh when the cell
   *  defers it: then the loop adds dRecᵀ·hPrev over all steps in one gemm, with dRec = dxz or s.dRec). */
  backwardStep(s: SeqBuffers, p: number, q: number): void;
  /** Before a pass over a sequence (forward, or backward when `backward`): with a workspace, copy
   *  W_hh (and any other params the fused steps read) in and clear resident gradient accumulators. */
  beginPass?(s: SeqBuffers, backward: boolean): void;
  /** After the backward time loop: add resident gradient accumulators into the param grads. */
  endBackward?(s: SeqBuffers): void;
  /** W_hh [G*H, H] when the cell defers its gradient (needs.deferredRecurrentGrad). */
  readonly wHh?: Param;
  /** [near a flat end, total] over the activations of the last forward (null: no saturating units). */
  saturationCounts(s: SeqBuffers): [number, number] | null;
}

/** Lengths of the buffers of one direction for (B, T). */
function seqSizes(B: number, T: number, H: number, G: number, needs: CellNeeds): Record<string, number> {
  const seq = B * T * H;
  return {
    xz: seq * G,
    h: seq,
    c: needs.cellState ? seq : 0,
    aux: needs.aux ? seq : 0,
    dxz: seq * G,
    dh: B * H,
    dhPrev: B * H,
    dc: needs.cellState ? B * H : 0,
    dcPrev: needs.cellState ? B * H : 0,
    scratch: B * H * G,
    hPrev: needs.deferredRecurrentGrad ? seq : 0,
    dRec: needs.deferredRecurrentGrad === 'dRec' ? seq * G : 0,
  };
}

/**
 * The buffers of one direction for (B, T): in the workspace when there is one and it can hold them (laid out afresh, with
 * scratch for copying x [B·T, I] and a [G·H, max(I, H)] matrix through the big products), else taken
 * from the arena (reused when they fit).
 */
export function allocSeq(
  arena: Arena,
  ws: RecurrentWorkspace | null,
  B: number,
  T: number,
  H: number,
  G: number,
  I: number,
  needs: CellNeeds,
): SeqBuffers {
  const sizes = seqSizes(B, T, H, G, needs);
  // the loop's own: the input bias (and its gradient) pass through inputBias; x and W_ih are resident
  // for a whole pass (direction.ts)
  const own = { ...needs.resident, inputBias: G * H, x: B * T * I, wIh: G * H * I };
  const a = ws?.layout({ ...sizes, ...own }, B * T * I + G * H * Math.max(I, H), Math.max(G * H, I));
  if (ws && a) {
    const extra: Record<string, Float32Array> = {};
    for (const name of Object.keys(own)) extra[name] = a[name];
    const { xz, h, c, aux, dxz, dh, dhPrev, dc, dcPrev, scratch, hPrev, dRec } = a;
    return { B, T, H, G, xz, h, c, aux, dxz, dh, dhPrev, dc, dcPrev, scratch, hPrev, dRec, ws, extra };
  }
  // no workspace (TypeScript kernels, float64) or it could not grow this far: ordinary arrays
  const get = (name: keyof typeof sizes) => arena.get(name, sizes[name]);
  return {
    B,
    T,
    H,
    G,
    xz: get('xz'),
    h: get('h'),
    c: get('c'),
    aux: get('aux'),
    dxz: get('dxz'),
    dh: get('dh'),
    dhPrev: get('dhPrev'),
    dc: get('dc'),
    dcPrev: get('dcPrev'),
    scratch: get('scratch'),
    hPrev: get('hPrev'),
    dRec: get('dRec'),
    ws: null,
    extra: {},
  };
}

/** Step p of a [B, T, width] buffer as a [B, width] matrix view (plus a column offset). */
export function stepView(data: FloatArray, T: number, width: number, p: number, col = 0): MatView {
  return { data, off: p * width + col, ld: T * width };
}

/** A contiguous matrix view with leading dimension ld starting at off. */
export function matView(data: FloatArray, ld: number, off = 0): MatView {
  return { data, off, ld };
}

/** Numerically safe logistic sigmoid (never exponentiates a large positive number). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Count saturated values (activations.ts's rule: derivative below 10% of its maximum) of one gate block
 *  (columns [col, col+H)) over every row of a [rows, ld] buffer. */
export function countSaturated(
  buf: FloatArray,
  rows: number,
  ld: number,
  col: number,
  H: number,
  kind: 'sigmoid' | 'tanh',
): number {
  const saturated = kind === 'tanh' ? tanhSaturated : sigmoidSaturated;
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * ld + col;
    for (let j = 0; j < H; j++) if (saturated(buf[o + j])) n++;
  }
  return n;
}
