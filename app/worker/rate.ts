// Throughput measured where the work happens (the worker): optimizer steps per second over a sliding
// window of wall-clock time (the yields between chunks included, so it is what the user gets), examples
// per second, and the time left for the run. The clock is the loop's, so tests inject one.

/** What the training panel shows. */
export interface Rate {
  stepsPerSec: number;
  examplesPerSec: number;
  /** seconds until the last step of the run at this rate, or null before anything was measured */
  secondsLeft: number | null;
}

/** Sliding-window rate meter over (time, step) samples. */
export class RateMeter {
  private samples: { t: number; step: number }[] = [];

  /** `windowMs`: how far back the rate looks (long enough to smooth chunks, short enough to follow). */
  constructor(private readonly windowMs = 3000) {}

  /** Forgets the samples (a pause must not count as slow training). */
  reset(): void {
    this.samples = [];
  }

  /** Notes that `step` steps were done at time `t` (ms). */
  sample(t: number, step: number): void {
    this.samples.push({ t, step });
    // Keep one sample older than the window as the window's start.
    while (this.samples.length > 2 && this.samples[1].t <= t - this.windowMs) this.samples.shift();
  }

  /** The rate now; null until two samples span some time. `examplesPerStep` is the mean batch size. */
  rate(examplesPerStep: number, stepsLeft: number): Rate | null {
    const n = this.samples.length;
    if (n < 2) return null;
    const a = this.samples[0];
    const b = this.samples[n - 1];
    const dt = (b.t - a.t) / 1000;
    if (!(dt > 0)) return null;
    const stepsPerSec = (b.step - a.step) / dt;
    return {
      stepsPerSec,
      examplesPerSec: stepsPerSec * examplesPerStep,
      secondsLeft: stepsPerSec > 0 ? Math.max(0, stepsLeft) / stepsPerSec : null,
    };
  }
}
