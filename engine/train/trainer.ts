// The trainer: epochs of seeded, shuffled mini-batches through compile -> lossAndGrads -> clip -> optimizer,
// driven in chunks by step(n) so a Web Worker (or the CLI) can report between chunks. Pure TypeScript:
// no DOM, no timers; the caller owns the loop. Same seed + same data => bit-identical losses.
import type { Graph, TrainingConfig } from '../../graph-schema/schema.ts';
import type { Dataset } from '../data/types.ts';
import { checkInterrupt, type InterruptCheck, Interrupted, type InterruptPlace } from '../interrupt.ts';
import { compileModel, type Model } from '../model.ts';
import { clipGradients, createOptimizer, type Optimizer } from '../optim/index.ts';
import { LocalShardRunner, ShardedGradients, type ShardRunner } from '../parallel/shards.ts';
import { Rng } from '../random.ts';
import type { DType } from '../tensor.ts';
import type { DivergenceInfo, EpochMetrics, GradientReport, TrainSnapshot, TrainStatus } from '../types.ts';
import { BatchSource, splitIndices, type Split } from './batching.ts';
import { locateDivergence, locateBadWeights, ParamBackup, paramsFinite } from './divergence.ts';
import { runawayLoss, type SquashingNode, squashingNodes, stuckSaturated } from './runaway.ts';
import { accumulate, emptySums, finish, type Metrics, type MetricSums } from './metrics.ts';
import { fitLossToData } from './targets.ts';

/** How the trainer is set up beyond the graph's own training settings. */
export interface TrainerOptions {
  /** overrides training.seed (weights, split and shuffling all derive from it) */
  seed?: number;
  /** float32 (default) or float64 */
  dtype?: DType;
  /**
   * When to gather gradient instrumentation: 'call' (default) = the last step of every step(n) call;
   * a number k = every k-th step; either way also the last step of every epoch. Infinity = epoch ends only.
   */
  instrumentEvery?: number | 'call';
  /** an already compiled model of `graph` (e.g. with loaded weights); reset() returns to its weights */
  model?: Model;
  /** overrides training.epochs */
  epochs?: number;
  /**
   * Asked before every step and inside it (between layers, time steps, row blocks of big products);
   * when it says stop, the step in progress is abandoned before its update and the run ends 'stopped'
   * with the weights of the last completed step (see `interruption`).
   */
  interrupt?: InterruptCheck;
  /**
   * Computes the second shard of each split batch (engine/parallel): a second worker sharing the
   * model's weights (startShardPeer). Without it this thread computes both shards; the results are
   * the same bits either way.
   */
  peer?: ShardRunner;
  /** false: every batch in one pass, never split (the rounding of releases before engine/parallel);
   *  for A/B measurements (scripts/bench-workers.ts). Default true. */
  split?: boolean;
}

/** Where an interrupt stopped the run: the step that was in progress (never applied) and the place. */
export interface Interruption {
  /** the 1-based step that was running, or the step whose epoch end was validating */
  step: number;
  place: InterruptPlace;
}

/** A training run; every method is synchronous and cheap to call between chunks. */
export interface Trainer {
  readonly model: Model;
  /** set when loss "auto" follows the data rather than the output node alone (say so to the user) */
  readonly lossNote?: string;
  readonly status: TrainStatus;
  /** true when all epochs are complete */
  readonly done: boolean;
  /** optimizer updates done so far */
  readonly stepCount: number;
  /** completed epochs */
  readonly epoch: number;
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  /** training and validation row counts */
  readonly sizes: { train: number; val: number };
  /** one record per completed epoch */
  readonly history: EpochMetrics[];
  /** set when options.interrupt stopped the run (null otherwise) */
  readonly interruption: Interruption | null;
  /** learning rate, read/write between steps */
  learningRate: number;
  /** workers computing each split batch: 2 with a peer (TrainerOptions.peer), else 1 */
  readonly workers: 1 | 2;
  /** runs up to n optimizer updates (fewer when training ends or diverges) and reports; with
   *  `instrument: false` the call's last step is not instrumented (epoch ends still are), so a caller
   *  can gather gradients a few times a second whatever the step time */
  step(n?: number, opts?: { instrument?: boolean }): TrainSnapshot;
  /** the latest snapshot, without training */
  snapshot(): TrainSnapshot;
  /** loss/accuracy/perplexity now on the validation rows (default) or the training rows; null when there are none */
  evaluate(part?: 'val' | 'train'): Metrics | null;
  pause(): void;
  resume(): void;
  stop(): void;
  /** back to the initial weights and a fresh optimizer, step 0, same split and seed */
  reset(): void;
  /** a finished or stopped run takes more steps on its trained weights (Step after the end): paused
   *  again, one epoch added when all were done; false (nothing changes) for any other status */
  reopen(): boolean;
}

/** Seeds of the independent random streams, derived from the one training seed. */
function streamSeed(seed: number, salt: number): number {
  return (seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
}

/** The training/validation rows a run with this seed uses (export-data writes the same split). */
export function trainValSplit(rows: number, cfg: TrainingConfig, seed: number): Split {
  return splitIndices(rows, cfg.validationSplit ?? 0.1, new Rng(streamSeed(seed, 1)));
}

/** The graph's training settings, or a student-readable error. */
export function trainingOf(graph: Graph): TrainingConfig {
  if (!graph.training) {
    throw new Error(
      `graph "${graph.name}" has no "training" section: add one with a dataset and an optimizer`,
    );
  }
  return graph.training;
}

/** Creates a trainer for `graph` on `dataset` (the model is compiled here unless opts.model is given). */
export function createTrainer(graph: Graph, dataset: Dataset, opts: TrainerOptions = {}): Trainer {
  const cfg = trainingOf(graph);
  const seed = opts.seed ?? cfg.seed;
  const compiled = opts.model ?? compileModel(graph, { dtype: opts.dtype, seed });
  // throws TargetsError (what to change) when the targets do not fit the loss; shares the weights
  const { model, note } = fitLossToData(compiled, dataset, cfg.loss);
  const run = new Run(model, cfg, dataset, seed, opts);
  if (note) run.lossNote = note;
  return run;
}

/** Running sums over the steps of one epoch or one step(n) call. */
interface StepSums {
  lossSum: number;
  rows: number;
  correct: number;
  count: number;
}
const emptyStepSums = (): StepSums => ({ lossSum: 0, rows: 0, correct: 0, count: 0 });

class Run implements Trainer {
  epochs: number;
  readonly stepsPerEpoch: number;
  readonly sizes: { train: number; val: number };
  history: EpochMetrics[] = [];
  status: TrainStatus = 'idle';
  interruption: Interruption | null = null;
  lossNote?: string;
  private step_ = 0;
  private stepInEpoch = 0;
  private shuffleRng: Rng;
  private readonly split: Split;
  private readonly batches: BatchSource;
  private readonly valBatches: BatchSource | null;
  private readonly optimizer: Optimizer;
  private readonly backup: ParamBackup;
  /** the weights reset() returns to (a second preallocated copy, not a weights file) */
  private readonly initial: ParamBackup;
  private readonly languageModel: boolean;
  private epochSums = emptyStepSums();
  private last: TrainSnapshot;
  private lastVal: Metrics | null = null;
  private lastGradNorm = 0;
  private divergence: DivergenceInfo | null = null;
  /** the first step's loss: the runaway guard's reference */
  private startLoss: number | null = null;
  private readonly squashing: SquashingNode[];
  private readonly shards: ShardedGradients;

  constructor(
    readonly model: Model,
    private readonly cfg: TrainingConfig,
    private readonly data: Dataset,
    private readonly seed: number,
    private readonly opts: TrainerOptions,
  ) {
    this.epochs = opts.epochs ?? cfg.epochs;
    this.languageModel = data.task === 'language-model';
    const n = data.x.shape[0];
    // data that comes already split (an export-data folder) keeps its rows; otherwise the seeded split
    this.split = data.split ?? trainValSplit(n, cfg, seed);
    this.sizes = { train: this.split.train.length, val: this.split.val.length };
    this.batches = new BatchSource(data.x, data.y, this.split.train, cfg.batchSize, model.dtype);
    this.stepsPerEpoch = this.batches.stepsPerEpoch;
    const valChunk = Math.min(256, Math.max(1, this.split.val.length));
    this.valBatches = this.split.val.length
      ? new BatchSource(data.x, data.y, this.split.val, valChunk, model.dtype)
      : null;
    this.optimizer = createOptimizer(cfg.optimizer, model.params);
    this.backup = new ParamBackup(model.params);
    this.initial = new ParamBackup(model.params);
    this.initial.save();
    this.shuffleRng = new Rng(streamSeed(seed, 2));
    this.squashing = squashingNodes(model.graph.nodes);
    this.shards = new ShardedGradients(model, opts.peer ?? new LocalShardRunner(model), opts.split !== false);
    this.last = this.emptySnapshot();
  }

  get workers(): 1 | 2 {
    return this.shards.runner.workers;
  }

  get done(): boolean {
    return this.step_ >= this.epochs * this.stepsPerEpoch;
  }
  get stepCount(): number {
    return this.step_;
  }
  get epoch(): number {
    return Math.floor(this.step_ / Math.max(1, this.stepsPerEpoch));
  }
  get learningRate(): number {
    return this.optimizer.lr;
  }
  set learningRate(lr: number) {
    this.optimizer.lr = lr;
  }

  snapshot(): TrainSnapshot {
    return { ...this.last, status: this.status };
  }

  pause(): void {
    if (this.status === 'idle' || this.status === 'running') this.status = 'paused';
  }
  resume(): void {
    if (this.status === 'paused' || this.status === 'idle') this.status = 'running';
  }
  stop(): void {
    if (this.status !== 'finished' && this.status !== 'diverged') this.status = 'stopped';
  }

  reopen(): boolean {
    if (this.status !== 'finished' && this.status !== 'stopped') return false;
    if (this.done) this.epochs += 1;
    this.status = 'paused';
    this.interruption = null; // the caller clears its interrupt flag before stepping again
    return true;
  }

  reset(): void {
    this.epochs = this.opts.epochs ?? this.cfg.epochs; // the epochs reopen() added go too
    this.initial.restore();
    this.optimizer.reset();
    this.shuffleRng = new Rng(streamSeed(this.seed, 2));
    this.step_ = 0;
    this.stepInEpoch = 0;
    this.epochSums = emptyStepSums();
    this.history = [];
    this.lastVal = null;
    this.lastGradNorm = 0;
    this.divergence = null;
    this.startLoss = null;
    this.interruption = null;
    this.status = 'idle';
    this.last = this.emptySnapshot();
  }

  evaluate(part: 'val' | 'train' = 'val'): Metrics | null {
    return this.evaluateOn(part === 'val' ? this.valBatches : this.trainEvalBatches());
  }

  // Eval mode; with an interrupt check (epoch ends), it may throw Interrupted between batches.
  private evaluateOn(src: BatchSource | null, interrupt?: InterruptCheck): Metrics | null {
    if (!src) return null;
    const sums: MetricSums = emptySums();
    for (let k = 0; k < src.stepsPerEpoch; k++) {
      const b = src.batch(k);
      accumulate(sums, this.model.loss, this.model.forward(b.x, { instrument: false, interrupt }), b.y);
    }
    return finish(sums, this.model.loss, this.languageModel);
  }

  step(n = 1, opts: { instrument?: boolean } = {}): TrainSnapshot {
    if (this.status === 'stopped' || this.status === 'diverged' || this.status === 'finished')
      return this.snapshot();
    if (this.done) return this.finishRun();
    const sums = emptyStepSums();
    const losses: number[] = [];
    let report: GradientReport | undefined;
    let epochEnd: EpochMetrics | undefined;
    for (let i = 0; i < n && !this.done; i++) {
      const r = this.interruptibleStep(this.shouldInstrument(i, n, opts.instrument !== false));
      if (r === null) break; // diverged or interrupted: the completed steps of this call make the snapshot
      losses.push(r.loss);
      sums.lossSum += r.loss * r.rows;
      sums.rows += r.rows;
      sums.correct += r.correct;
      sums.count += r.count;
      if (r.report) report = r.report;
      if (r.epochEnd) epochEnd = r.epochEnd;
      if (this.interruption) break; // interrupted while validating at the epoch's end
    }
    if (this.status === 'idle') this.status = 'running';
    if (sums.rows > 0) this.last = this.buildSnapshot(sums, losses, report, epochEnd);
    if (this.divergence) {
      // The last finite snapshot stays, now carrying the status and where it went wrong.
      this.last = { ...this.last, status: 'diverged', divergence: this.divergence };
    } else if (this.done && this.status !== 'paused' && !this.interruption) this.status = 'finished';
    return this.snapshot();
  }

  /** oneStep, or null after an interrupt (before or during the step: its update never happens). */
  private interruptibleStep(instrument: boolean): ReturnType<Run['oneStep']> {
    const check = this.opts.interrupt;
    if (!check) return this.oneStep(instrument);
    try {
      checkInterrupt(check);
      return this.oneStep(instrument);
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      this.interrupted(this.step_ + 1, e.place);
      return null;
    }
  }

  private interrupted(step: number, place: InterruptPlace): void {
    this.interruption = { step, place };
    this.status = 'stopped';
  }

  // Built on first use: most runs never evaluate on the training rows.
  private trainEval: BatchSource | null = null;
  private trainEvalBatches(): BatchSource {
    this.trainEval ??= new BatchSource(this.data.x, this.data.y, this.split.train, 256, this.model.dtype);
    return this.trainEval;
  }

  private finishRun(): TrainSnapshot {
    this.status = 'finished';
    return this.snapshot();
  }

  private shouldInstrument(i: number, n: number, callWants: boolean): boolean {
    if (this.stepInEpoch === this.stepsPerEpoch - 1) return true;
    const every = this.opts.instrumentEvery ?? 'call';
    if (every === 'call') return callWants && i === n - 1;
    return Number.isFinite(every) && every > 0 && (this.step_ + 1) % every === 0;
  }

  /** One update; null when training diverged (status and snapshot already set). */
  private oneStep(instrument: boolean) {
    if (this.stepInEpoch === 0) {
      this.batches.shuffle(this.shuffleRng);
      this.epochSums = emptyStepSums();
    }
    const b = this.batches.batch(this.stepInEpoch);
    // train mode: dropout active, its masks seeded by the step (a re-run of this step sees the same)
    const pass = { instrument, training: true, step: this.step_, interrupt: this.opts.interrupt };
    const res = this.shards.compute(b.x, b.y, pass);
    const gradNorm = clipGradients(this.model.params, this.cfg.clip ?? null);
    if (!Number.isFinite(res.loss) || !Number.isFinite(gradNorm)) {
      // Re-run instrumented on the same batch (weights are unchanged) so the report names the edge;
      // a split batch re-runs whole, so every row's activations are there to search.
      const whole = this.shards.ranges(b.size).length === 1;
      const again =
        instrument && whole ? res : this.model.lossAndGrads(b.x, b.y, { ...pass, instrument: true });
      this.diverge(locateDivergence(this.model, this.step_ + 1, res.loss, again.report));
      return null;
    }
    // a finite loss can still run away, or the units sit pinned with vanished gradients
    this.startLoss ??= res.loss;
    const runaway =
      runawayLoss(this.model, this.squashing, this.step_ + 1, this.startLoss, res.loss) ??
      stuckSaturated(this.model, this.squashing, this.step_ + 1, gradNorm);
    if (runaway) {
      this.diverge(runaway);
      return null;
    }
    this.backup.save();
    this.optimizer.step();
    if (!paramsFinite(this.model.params)) {
      const info = locateBadWeights(this.model, this.step_ + 1);
      this.backup.restore();
      this.diverge(info);
      return null;
    }
    this.lastGradNorm = gradNorm;
    this.step_++;
    this.stepInEpoch++;
    const correct = res.correct ?? 0;
    const count = res.count ?? 0;
    const e = this.epochSums;
    e.lossSum += res.loss * b.size;
    e.rows += b.size;
    e.correct += correct;
    e.count += count;
    const epochEnd = this.stepInEpoch === this.stepsPerEpoch ? this.endEpoch() : undefined;
    return { loss: res.loss, rows: b.size, correct, count, report: res.report, epochEnd };
  }

  private endEpoch(): EpochMetrics {
    this.stepInEpoch = 0;
    const e = this.epochSums;
    const loss = e.lossSum / e.rows;
    const m: EpochMetrics = { epoch: this.epoch, step: this.step_, loss };
    if (e.count > 0) m.accuracy = e.correct / e.count;
    if (this.languageModel) m.perplexity = Math.exp(loss);
    try {
      this.lastVal = this.evaluateOn(this.valBatches, this.opts.interrupt);
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      // the epoch's training is complete and kept; only its validation metrics are missing
      this.lastVal = null;
      this.interrupted(this.step_, { ...e.place, pass: 'validation' });
    }
    if (this.lastVal) {
      m.valLoss = this.lastVal.loss;
      if (this.lastVal.accuracy !== undefined) m.valAccuracy = this.lastVal.accuracy;
      if (this.lastVal.perplexity !== undefined) m.valPerplexity = this.lastVal.perplexity;
    }
    this.history.push(m);
    return m;
  }

  private diverge(info: DivergenceInfo): void {
    this.status = 'diverged';
    this.divergence = info;
  }

  private buildSnapshot(
    sums: StepSums,
    losses: number[],
    report: GradientReport | undefined,
    epochEnd: EpochMetrics | undefined,
  ): TrainSnapshot {
    const loss = sums.rows > 0 ? sums.lossSum / sums.rows : this.last.loss;
    const s: TrainSnapshot = {
      status: this.status,
      step: this.step_,
      epoch: this.epoch,
      epochProgress: this.stepsPerEpoch ? this.stepInEpoch / this.stepsPerEpoch : 0,
      loss,
      losses,
      learningRate: this.optimizer.lr,
      gradNorm: this.lastGradNorm,
    };
    if (sums.count > 0) s.accuracy = sums.correct / sums.count;
    if (this.languageModel) s.perplexity = Math.exp(loss);
    if (this.lastVal) {
      s.valLoss = this.lastVal.loss;
      if (this.lastVal.accuracy !== undefined) s.valAccuracy = this.lastVal.accuracy;
    }
    if (report) s.gradients = report;
    if (epochEnd) s.epochEnd = epochEnd;
    return s;
  }

  private emptySnapshot(): TrainSnapshot {
    return {
      status: this.status,
      step: 0,
      epoch: 0,
      epochProgress: 0,
      loss: Number.NaN,
      losses: [],
      learningRate: this.optimizer.lr,
      gradNorm: 0,
    };
  }
}
