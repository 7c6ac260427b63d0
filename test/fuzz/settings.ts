// Fuzz settings: seeded (a failure prints its seed and path to replay), bounded in runs and in time.
// CI runs the short form; `npm run fuzz` sets FUZZ_RUNS / FUZZ_SECONDS for a longer run.

/** Runs per property. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Seed of every property (FUZZ_SEED replays a reported failure). */
export const SEED = Number(process.env.FUZZ_SEED ?? 20_161);
/** Wall-clock cap per property: fast-check stops generating after it (the runs done still count). */
export const TIME_LIMIT_MS = Number(process.env.FUZZ_SECONDS ?? 10) * 1000;

/** fast-check parameters for one property. */
export const params = {
  numRuns: RUNS,
  seed: SEED,
  interruptAfterTimeLimit: TIME_LIMIT_MS,
  markInterruptAsFailure: false,
};

/** vitest timeout for one property: its time cap plus room to finish the last run. */
export const TEST_TIMEOUT_MS = TIME_LIMIT_MS + 60_000;
