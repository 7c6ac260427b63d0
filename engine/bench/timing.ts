// Timing helpers for the benchmark: median of repeated runs after a warm-up (the JIT needs a few
// runs before the numbers mean anything). Uses performance.now(), present in Node and workers.

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Timings of `fn` in milliseconds: `warmup` untimed runs, then `repeats` timed ones. */
export function timeRuns(fn: () => void, repeats: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}
