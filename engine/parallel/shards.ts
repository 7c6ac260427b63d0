// One training batch's loss and gradients computed as its canonical shards (plan.ts): this thread
// computes the first shard; a ShardRunner computes the second, either here too (LocalShardRunner)
// or in a second worker (remote.ts), and its gradients are added into the model's. The sum, the
// loss, the counts and the instrumentation go through the same code either way, so one worker and
// two give the same bits.
import type { LossKind } from '../types.ts';
import type { Model, ModelParam } from '../model.ts';
import type { PassOptions } from '../layers/layer.ts';
import { allocArray, type Tensor } from '../tensor.ts';
import type { GradientReport } from '../types.ts';
import { addGrads, type GradBuffer, gradLayout, writeGrads } from './grad-buffer.ts';
import { type ShardRange, shardRanges, workPerRow } from './plan.ts';
import { combineReports, decodeReport, encodeReport } from './report.ts';

/** What a shard runner is asked to compute: a shard's rows and the pass (rowOffset/batchRows set). */
export interface ShardRequest {
  x: Tensor;
  y: Tensor;
  pass: PassOptions;
  /** the loss the trainer's model uses (a worker's own model must use the same) */
  loss: LossKind;
}

/** A computed shard: its part of the batch loss, its counts, its report and its gradients. */
export interface ShardOutcome {
  loss: number;
  correct?: number;
  count?: number;
  report?: GradientReport;
  grads: GradBuffer;
}

/** Computes the second shard of a batch, between begin (start) and finish (wait for it). */
export interface ShardRunner {
  /** how many workers compute a split batch: 1 (this thread) or 2 */
  readonly workers: 1 | 2;
  begin(req: ShardRequest): void;
  finish(): ShardOutcome;
  /** ends the runner's worker (if any); the runner must not be used afterwards */
  close(): void;
}

/** The batch's result (lossAndGrads's, without the output tensor). */
export interface BatchResult {
  loss: number;
  correct?: number;
  count?: number;
  report?: GradientReport;
}

/** Runs one shard on `model` and copies what the batch needs out of it (grads into `grads`). */
export function computeShard(model: Model, req: ShardRequest, grads: GradBuffer): ShardOutcome {
  const r = model.lossAndGrads(req.x, req.y, req.pass);
  writeGrads(model.params, grads);
  const out: ShardOutcome = { loss: r.loss, grads };
  if (r.count !== undefined) {
    out.correct = r.correct;
    out.count = r.count;
  }
  // a copy through the same text a worker sends, so both paths hand the same numbers on
  if (r.report) out.report = decodeReport(encodeReport(r.report));
  return out;
}

/** A gradient buffer in ordinary memory for `params`. */
export function localGradBuffer(params: readonly ModelParam[]): GradBuffer {
  const layout = gradLayout(params);
  const dtype = params[0]?.grad.data instanceof Float64Array ? 'float64' : 'float32';
  return { layout, data: allocArray(dtype, layout.size), rows: new Int32Array(layout.rowsSize) };
}

/** The one-worker runner: computes the second shard here, right away, on the trainer's model. */
export class LocalShardRunner implements ShardRunner {
  readonly workers = 1;
  private grads: GradBuffer | null = null;
  private outcome: ShardOutcome | null = null;

  constructor(private readonly model: Model) {}

  begin(req: ShardRequest): void {
    this.grads ??= localGradBuffer(this.model.params);
    this.outcome = computeShard(this.model, req, this.grads);
  }

  finish(): ShardOutcome {
    const o = this.outcome;
    if (!o) throw new Error('no shard was started');
    this.outcome = null;
    return o;
  }

  close(): void {}
}

/** The rows [start, end) of a row-major tensor, as a view (no copy). */
export function sliceRows(t: Tensor, r: ShardRange): Tensor {
  const per = t.data.length / t.shape[0];
  return { shape: [r.end - r.start, ...t.shape.slice(1)], data: t.data.subarray(r.start * per, r.end * per) };
}

/** A model's batches computed as their canonical shards, the second one by `runner`. */
export class ShardedGradients {
  private readonly work: number;

  constructor(
    private readonly model: Model,
    readonly runner: ShardRunner,
    private readonly split = true,
  ) {
    this.work = workPerRow(model);
  }

  /** The shards a batch of `rows` rows is computed as. */
  ranges(rows: number): ShardRange[] {
    return this.split ? shardRanges(rows, this.work) : [{ start: 0, end: rows }];
  }

  /** Zeroes, computes and sums the batch's gradients into the model's params; returns loss and counts. */
  compute(x: Tensor, y: Tensor, pass: PassOptions): BatchResult {
    const rows = x.shape[0];
    const ranges = this.ranges(rows);
    if (ranges.length === 1) {
      const r = this.model.lossAndGrads(x, y, pass);
      return { loss: r.loss, correct: r.correct, count: r.count, report: r.report };
    }
    const [a, b] = ranges;
    const shardPass = (r: ShardRange): PassOptions => ({ ...pass, rowOffset: r.start, batchRows: rows });
    this.runner.begin({ x: sliceRows(x, b), y: sliceRows(y, b), pass: shardPass(b), loss: this.model.loss });
    let mine: ReturnType<Model['lossAndGrads']>;
    try {
      // the first shard last: the model's layers then hold it, whoever computed the second one
      mine = this.model.lossAndGrads(sliceRows(x, a), sliceRows(y, a), shardPass(a));
    } catch (e) {
      try {
        this.runner.finish(); // the other shard must be over before the next batch starts
      } catch {
        // this shard's error is the one to report
      }
      throw e;
    }
    const other = this.runner.finish();
    addGrads(this.model.params, other.grads);
    const out: BatchResult = { loss: mine.loss + other.loss };
    if (mine.count !== undefined) {
      out.correct = (mine.correct ?? 0) + (other.correct ?? 0);
      out.count = mine.count + (other.count ?? 0);
    }
    if (mine.report && other.report) {
      out.report = combineReports(
        [mine.report, other.report],
        [a.end - a.start, b.end - b.start],
        this.model.params,
      );
    }
    return out;
  }
}
