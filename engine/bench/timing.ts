// Timing helpers for the benchmark: median of repeated runs after a warm-up (the JIT needs a few
// runs before the numbers mean anything). Wall time uses performance.now() (Node and workers);
// where Node's process.cpuUsage exists we also take CPU time, which other load on a shared machine
// inflates far less than wall time.

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall and (when measurable) CPU milliseconds of each timed run. */
export interface Timings {
  wallMs: number[];
  cpuMs: number[] | null;
}

export type CpuUsage = (prev?: { user: number; system: number }) => { user: number; system: number };

/** Node's process.cpuUsage (bound), or null where it does not exist (browsers, workers). */
export function cpuClock(): CpuUsage | null {
  const p = (globalThis as { process?: { cpuUsage?: CpuUsage } }).process;
  return typeof p?.cpuUsage === 'function' ? p.cpuUsage.bind(p) : null;
}

/** Timings of `fn`: `warmup` untimed runs, then `repeats` timed ones. */
export function timeRuns(fn: () => void, repeats: number, warmup: number): Timings {
  for (let i = 0; i < warmup; i++) fn();
  const cpu = cpuClock();
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = cpu?.();
    const t0 = performance.now();
    fn();
    wallMs.push(performance.now() - t0);
    if (cpu && c0) {
      const d = cpu(c0);
      cpuMs.push((d.user + d.system) / 1000);
    }
  }
  return { wallMs, cpuMs: cpu ? cpuMs : null };
}
