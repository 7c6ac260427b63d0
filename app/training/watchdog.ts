// The worker watchdog: while a run is "running", the worker sends progress at least every chunk (and
// the UI at most every 50 ms), and a beat about once a second from inside a long step
// (app/worker/heartbeat.ts). A worker that closed itself, or hangs, sends nothing: after STALL_MS of
// silence the user is told and Stop ends the worker (a crash report, graph untouched).
// Timers are injected so the rule is unit-tested without waiting.

/** Silence after which a running worker counts as stalled (a chunk targets 40 ms; a slow first step of
 *  a large model can take seconds, so this is generous). */
export const STALL_MS = 20_000;

export interface WatchdogTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: WatchdogTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Calls `onStall` once after `ms` without a `feed()` while armed. */
export class Watchdog {
  private handle: unknown = null;
  stalled = false;

  constructor(
    private readonly onStall: () => void,
    private ms = STALL_MS,
    private readonly timers: WatchdogTimers = realTimers,
  ) {}

  /** The silence that counts as stalled, in ms. */
  get stallMs(): number {
    return this.ms;
  }

  /** Changes the allowed silence (a test hook); a running watch restarts with the new time. */
  setStallMs(ms: number): void {
    this.ms = ms;
    if (this.handle !== null) this.feed();
  }

  /** Starts (or restarts) watching: a run began or progress arrived. */
  feed(): void {
    this.disarm();
    this.stalled = false;
    this.handle = this.timers.set(() => {
      this.handle = null;
      this.stalled = true;
      this.onStall();
    }, this.ms);
  }

  /** Stops watching: the run paused, stopped, finished or crashed. */
  disarm(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
  }
}
