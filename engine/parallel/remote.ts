// The trainer's side of a second worker: startShardPeer moves the model's weights into shared memory,
// starts the worker (through a platform's spawn: a Web Worker in the app, worker_threads in the CLI)
// and returns a ShardRunner that hands it the second shard of each split batch.
import { Interrupted } from '../interrupt.ts';
import type { Model } from '../model.ts';
import type { DType } from '../tensor.ts';
import { type GradBuffer, gradLayout } from './grad-buffer.ts';
import { decodeReport } from './report.ts';
import {
  adoptSharedValues,
  CMD_SHARD,
  CMD_STOP,
  Ctrl,
  FLAG_INSTRUMENT,
  FLAG_TRAINING,
  LOSS_KINDS,
  newSharedFloats,
  type PeerInit,
  REPORT_BYTES,
  sharedFloats,
} from './shared.ts';
import type { ShardOutcome, ShardRequest, ShardRunner } from './shards.ts';

/** A started worker; its side is serveShards (serve.ts) once it has the PeerInit. */
export interface PeerHandle {
  terminate(): void;
}

/** Starts a worker, gives it `init`, and resolves when it says it is ready (rejects when it fails). */
export type SpawnPeer = (init: PeerInit) => Promise<PeerHandle>;

/** Options of startShardPeer. */
export interface PeerOptions {
  /** the most rows a batch will have (the trainer's batch size, or the training rows) */
  batchRows: number;
  /** the training data's shapes (rows first): a shard's rows are copied over as they are */
  data: { x: { shape: number[] }; y: { shape: number[] } };
  /** the seed the model was compiled with (its layers' own streams, e.g. dropout, derive from it) */
  seed: number;
  spawn: SpawnPeer;
  /** how long finish() waits before saying the worker stopped answering (ms) */
  timeoutMs?: number;
  /** the trainer's interrupt flag (shared Int32Array): the worker stops its shard on it too */
  interrupt?: Int32Array;
}

/**
 * Moves `model`'s weights into shared memory and starts a shard worker on them. Call it before
 * createTrainer (the optimizer and the weight backups take the shared arrays). Rejects when the
 * worker cannot start; the model's weights are shared either way and train as usual on one worker.
 */
export async function startShardPeer(model: Model, opts: PeerOptions): Promise<RemoteShardRunner> {
  const dtype = model.dtype;
  const layout = gradLayout(model.params);
  const maxRows = Math.ceil(opts.batchRows / 2);
  const rowOf = (shape: readonly number[]) => shape.slice(1).reduce((a, b) => a * b, 1);
  const init: PeerInit = {
    graph: model.graph,
    dtype,
    seed: opts.seed,
    maxRows,
    yRowShape: opts.data.y.shape.slice(1),
    values: newSharedFloats(dtype, layout.size),
    grads: newSharedFloats(dtype, layout.size),
    rows: new SharedArrayBuffer(Math.max(1, layout.rowsSize) * 4),
    x: newSharedFloats(dtype, maxRows * rowOf(opts.data.x.shape)),
    y: newSharedFloats(dtype, maxRows * rowOf(opts.data.y.shape)),
    ctrl: new SharedArrayBuffer(Ctrl.Size * 4),
    loss64: new SharedArrayBuffer(8),
    report: new SharedArrayBuffer(REPORT_BYTES),
  };
  if (opts.interrupt) init.interrupt = opts.interrupt;
  adoptSharedValues(model.params, layout, dtype, init.values, true);
  const handle = await opts.spawn(init);
  const grads: GradBuffer = {
    layout,
    data: sharedFloats(dtype, init.grads, 0, layout.size),
    rows: new Int32Array(init.rows),
  };
  return new RemoteShardRunner(init, grads, dtype, handle, opts.timeoutMs ?? 600_000);
}

/** Hands shards to the worker through shared memory and waits for them with Atomics. */
export class RemoteShardRunner implements ShardRunner {
  readonly workers = 2;
  private readonly ctrl: Int32Array;
  private seq = 0;
  private pending = false;
  private closed = false;

  constructor(
    private readonly init: PeerInit,
    private readonly grads: GradBuffer,
    private readonly dtype: DType,
    private readonly handle: PeerHandle,
    private readonly timeoutMs: number,
  ) {
    this.ctrl = new Int32Array(init.ctrl);
  }

  begin(req: ShardRequest): void {
    if (this.closed) throw new Error('the shard worker was closed');
    if (this.pending) this.finish();
    const rows = req.x.shape[0];
    if (rows > this.init.maxRows) {
      throw new Error(`a shard of ${rows} rows does not fit the worker's ${this.init.maxRows}`);
    }
    sharedFloats(this.dtype, this.init.x).set(req.x.data);
    sharedFloats(this.dtype, this.init.y).set(req.y.data);
    const c = this.ctrl;
    c[Ctrl.Command] = CMD_SHARD;
    c[Ctrl.Rows] = rows;
    c[Ctrl.RowOffset] = req.pass.rowOffset ?? 0;
    c[Ctrl.BatchRows] = req.pass.batchRows ?? rows;
    c[Ctrl.Step] = req.pass.step ?? 0;
    c[Ctrl.Flags] = (req.pass.instrument ? FLAG_INSTRUMENT : 0) | (req.pass.training ? FLAG_TRAINING : 0);
    c[Ctrl.Loss] = LOSS_KINDS.indexOf(req.loss);
    this.post();
    this.pending = true;
  }

  finish(): ShardOutcome {
    if (!this.pending) throw new Error('no shard was started');
    this.pending = false;
    this.wait();
    const c = this.ctrl;
    const bytes = c[Ctrl.ReportBytes];
    const text =
      bytes > 0 ? new TextDecoder().decode(new Uint8Array(this.init.report, 0, bytes).slice()) : '';
    if (c[Ctrl.Status] === 2) throw new Interrupted(JSON.parse(text));
    if (c[Ctrl.Status] !== 0) throw new Error(text || 'the shard worker failed');
    const out: ShardOutcome = { loss: new Float64Array(this.init.loss64)[0], grads: this.grads };
    if (c[Ctrl.Count] >= 0) {
      out.correct = c[Ctrl.Correct];
      out.count = c[Ctrl.Count];
    }
    if (text) out.report = decodeReport(text);
    return out;
  }

  close(): void {
    if (this.closed) return;
    if (this.pending) {
      try {
        this.finish();
      } catch {
        // closing anyway
      }
    }
    this.closed = true;
    this.ctrl[Ctrl.Command] = CMD_STOP;
    this.post();
    this.handle.terminate();
  }

  private post(): void {
    this.seq = (this.seq + 1) | 0;
    Atomics.store(this.ctrl, Ctrl.Request, this.seq);
    Atomics.notify(this.ctrl, Ctrl.Request);
  }

  private wait(): void {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const done = Atomics.load(this.ctrl, Ctrl.Done);
      if (done === this.seq) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.closed = true;
        this.handle.terminate();
        throw new Error('the second training worker stopped answering; train again to use one worker');
      }
      Atomics.wait(this.ctrl, Ctrl.Done, done, Math.min(left, 1000));
    }
  }
}
