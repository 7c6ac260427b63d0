// The shared memory between the trainer's thread and its shard worker: the weights (one copy, both
// models read it), the worker's gradients, its input rows, a control block and a report area. The
// control block's two counters hand a shard over and back with Atomics (wait/notify), so neither
// side goes through the event loop while training.
import type { Graph } from '../../graph-schema/schema.ts';
import type { ModelParam } from '../model.ts';
import type { DType, FloatArray } from '../tensor.ts';
import type { LossKind } from '../types.ts';
import type { GradLayout } from './grad-buffer.ts';

/** Int32 slots of the control block. */
export const Ctrl = {
  /** bumped by the trainer to hand over a request */
  Request: 0,
  /** set to the request's number by the worker when it is done */
  Done: 1,
  Command: 2,
  Rows: 3,
  RowOffset: 4,
  BatchRows: 5,
  Step: 6,
  Flags: 7,
  /** 0 ok, 1 failed (the report area holds the message), 2 interrupted (it holds the place, JSON) */
  Status: 8,
  ReportBytes: 9,
  Correct: 10,
  /** -1 when the loss has no counts */
  Count: 11,
  /** index in LOSS_KINDS (fitLossToData may change the loss after the worker started) */
  Loss: 12,
  Size: 13,
} as const;

/** Loss kinds by their control-block code. */
export const LOSS_KINDS: readonly LossKind[] = ['categorical_crossentropy', 'binary_crossentropy', 'mse'];

export const CMD_SHARD = 1;
export const CMD_STOP = 2;
export const FLAG_INSTRUMENT = 1;
export const FLAG_TRAINING = 2;
/** Bytes for the worker's report (JSON) or error message. */
export const REPORT_BYTES = 4 << 20;

/** Everything a shard worker needs to build its side; structured-clone safe (postMessage). */
export interface PeerInit {
  graph: Graph;
  dtype: DType;
  seed: number;
  /** rows of the largest shard the trainer will hand over */
  maxRows: number;
  /** the targets' shape after the rows (the inputs' is the model's input shape) */
  yRowShape: number[];
  /** the model's weights (GradLayout offsets), shared: the worker's model reads them in place */
  values: SharedArrayBuffer;
  /** the worker's gradients, written after each shard */
  grads: SharedArrayBuffer;
  rows: SharedArrayBuffer;
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  ctrl: SharedArrayBuffer;
  /** the shard's loss (one float64) */
  loss64: SharedArrayBuffer;
  report: SharedArrayBuffer;
  /** the trainer's interrupt flag (engine/interrupt.ts sharedInterrupt), when it has one */
  interrupt?: Int32Array;
}

/** True where threads can share memory: SharedArrayBuffer and Atomics exist (in a browser, only
 *  when the page is cross-origin isolated). */
export function canShareMemory(): boolean {
  const g = globalThis as { SharedArrayBuffer?: unknown; Atomics?: unknown; crossOriginIsolated?: boolean };
  if (typeof g.SharedArrayBuffer !== 'function' || typeof g.Atomics !== 'object') return false;
  return g.crossOriginIsolated !== false;
}

/** A float array of the dtype over shared memory. */
export function sharedFloats(dtype: DType, buf: SharedArrayBuffer, offset = 0, length?: number): FloatArray {
  return dtype === 'float64'
    ? new Float64Array(buf, offset * 8, length)
    : new Float32Array(buf, offset * 4, length);
}

/** A new shared buffer for n elements of the dtype. */
export function newSharedFloats(dtype: DType, n: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(1, n) * (dtype === 'float64' ? 8 : 4));
}

/**
 * Points every param's value at its place in `values` (after copying it there when `copy`): the
 * weights then live in shared memory, updated in place by the optimizer, read by both models.
 */
export function adoptSharedValues(
  params: readonly ModelParam[],
  layout: GradLayout,
  dtype: DType,
  values: SharedArrayBuffer,
  copy: boolean,
): void {
  params.forEach((p, i) => {
    const view = sharedFloats(dtype, values, layout.offsets[i], p.value.data.length);
    if (copy) view.set(p.value.data);
    p.value.data = view;
  });
}
