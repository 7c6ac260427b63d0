// The training loop of the worker: step(k) chunks with k adapted so one chunk takes ~40 ms, a yield to the
// event loop between chunks (so pause/stop/inference messages get in), and progress throttled to <= 20/s.
// Clock and yield are injected so the loop is tested in Node without timers or a worker.
import type { Trainer } from '../../engine/index.ts';
import type { GradientReport, TrainSnapshot } from '../../engine/index.ts';
import { packProgress } from './pack.ts';
import type { Progress } from './protocol.ts';
import { RateMeter } from './rate.ts';

/** How the loop measures time and gives way to other messages. */
export interface LoopClock {
  /** milliseconds, monotonic */
  now(): number;
  /** resolves after other queued messages had their turn */
  yield(): Promise<void>;
}

/** Loop tuning. */
export interface LoopOptions {
  /** target duration of one chunk in ms (30-50 keeps pause snappy and overhead low) */
  targetMs?: number;
  /** minimum ms between two progress records (50 = at most 20 per second) */
  emitEveryMs?: number;
  /** largest chunk in steps */
  maxChunk?: number;
  /** minimum ms between two instrumented steps (250 = at most 4 per second, whatever the step time:
   *  instrumenting every step of a slow model cost 7.6%); the last report stays on screen meanwhile */
  instrumentEveryMs?: number;
}

/** The real clock: performance.now and a macrotask yield. */
export const realClock: LoopClock = {
  now: () => performance.now(),
  yield: () => new Promise((r) => setTimeout(r, 0)),
};

const FINAL = new Set(['finished', 'diverged', 'stopped']);

/** Drives one trainer and reports through `emit`. */
export class TrainLoop {
  /** steps per chunk, adapted as the loop runs */
  chunk = 1;
  private running = false;
  private losses: number[] = [];
  private firstStep = 1;
  private report: GradientReport | undefined;
  private valStep: number | undefined;
  private lastEmit = Number.NEGATIVE_INFINITY;
  private readonly meter = new RateMeter();
  private readonly targetMs: number;
  private readonly emitEveryMs: number;
  private readonly maxChunk: number;
  private readonly instrumentEveryMs: number;
  private lastInstrumented = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly trainer: Trainer,
    private readonly emit: (p: Progress) => void,
    private readonly clock: LoopClock = realClock,
    opts: LoopOptions = {},
  ) {
    this.targetMs = opts.targetMs ?? 40;
    this.emitEveryMs = opts.emitEveryMs ?? 50;
    this.maxChunk = opts.maxChunk ?? 512;
    this.instrumentEveryMs = opts.instrumentEveryMs ?? 250;
  }

  /** True while run() is looping. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Trains chunk after chunk until paused, stopped, finished or diverged. */
  async run(): Promise<void> {
    if (this.running || FINAL.has(this.trainer.status)) return;
    this.running = true;
    this.trainer.resume();
    this.meter.reset();
    this.meter.sample(this.clock.now(), this.trainer.snapshot().step);
    while (this.running) {
      const t0 = this.clock.now();
      const instrument = t0 - this.lastInstrumented >= this.instrumentEveryMs;
      const s = this.trainer.step(this.chunk, { instrument });
      if (instrument) this.lastInstrumented = t0;
      this.adapt(this.clock.now() - t0, s);
      this.meter.sample(this.clock.now(), s.step);
      this.collect(s);
      if (FINAL.has(s.status)) break;
      if (this.clock.now() - this.lastEmit >= this.emitEveryMs) this.flush(s);
      await this.clock.yield();
    }
    this.running = false;
    this.meter.reset();
    this.flush(this.trainer.snapshot());
  }

  /** Stops the loop after the current chunk; the trainer keeps its weights (Resume continues). */
  pause(): void {
    this.running = false;
    this.trainer.pause();
    if (!FINAL.has(this.trainer.status)) this.flush(this.trainer.snapshot());
  }

  /** Exactly one optimizer step, reported at once; only when not looping. After a finished or stopped
   *  run the step continues it on its trained weights (Trainer.reopen); a diverged run stays ended. */
  stepOnce(): void {
    if (this.running) return;
    this.trainer.reopen();
    if (FINAL.has(this.trainer.status)) return;
    const s = this.trainer.step(1);
    this.collect(s);
    // A single step leaves the run paused (not "running") so the controls read right.
    if (!FINAL.has(this.trainer.status)) this.trainer.pause();
    this.flush(this.trainer.snapshot());
  }

  /** Ends the run for good (Reset starts over). */
  stop(): void {
    this.running = false;
    this.trainer.stop();
    this.flush(this.trainer.snapshot());
  }

  /** Back to the initial weights. */
  reset(): void {
    this.running = false;
    this.trainer.reset();
    this.losses = [];
    this.firstStep = 1;
    this.report = undefined;
    this.valStep = undefined;
    this.flush(this.trainer.snapshot());
  }

  /** New chunk size from the last chunk's duration, moving at most x2 / /2 at a time. */
  private adapt(ms: number, s: TrainSnapshot): void {
    const steps = Math.max(1, s.losses.length);
    const perStep = Math.max(ms / steps, 0.01);
    const want = Math.round(this.targetMs / perStep);
    this.chunk = Math.min(
      this.maxChunk,
      Math.max(1, Math.min(want, this.chunk * 2), Math.floor(this.chunk / 2)),
    );
  }

  private collect(s: TrainSnapshot): void {
    if (this.losses.length === 0) this.firstStep = s.step - s.losses.length + 1;
    this.losses.push(...s.losses);
    if (s.gradients) this.report = s.gradients;
    if (s.epochEnd && s.epochEnd.valLoss !== undefined) this.valStep = s.epochEnd.step;
  }

  private flush(s: TrainSnapshot): void {
    this.lastEmit = this.clock.now();
    const p = packProgress(s, {
      epochs: this.trainer.epochs,
      stepsPerEpoch: this.trainer.stepsPerEpoch,
      losses: this.losses,
      firstStep: this.losses.length ? this.firstStep : s.step + 1,
      report: this.report,
      valStep: this.valStep,
      chunk: this.chunk,
    });
    const t = this.trainer;
    const rate = this.running
      ? this.meter.rate(t.sizes.train / Math.max(1, t.stepsPerEpoch), t.epochs * t.stepsPerEpoch - s.step)
      : null;
    if (rate) p.rate = rate;
    this.losses = [];
    this.emit(p);
  }
}
