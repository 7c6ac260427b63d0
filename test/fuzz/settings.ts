// Fuzz settings: seeded (a failure prints its seed and path to replay) and bounded.
// CI runs a fixed number of runs per property with no wall-clock cut, so every machine tests the same
// inputs (a time cap made a busy machine test fewer, and a failure at run 150 pass there). `npm run fuzz`
// sets FUZZ_RUNS / FUZZ_SECONDS for a longer run, which FUZZ_SECONDS bounds in time.

/** Runs per property. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Seed of every property (FUZZ_SEED replays a reported failure). */
export const SEED = Number(process.env.FUZZ_SEED ?? 20_161);
/** Wall-clock cap per property, only when FUZZ_SECONDS is set (the long run): fast-check stops
 *  generating after it (the runs done still count). */
export const TIME_LIMIT_MS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) * 1000 : undefined;

/** fast-check parameters for one property. */
export const params = {
  numRuns: RUNS,
  seed: SEED,
  ...(TIME_LIMIT_MS !== undefined && {
    interruptAfterTimeLimit: TIME_LIMIT_MS,
    markInterruptAsFailure: false,
  }),
};

/** vitest timeout for one property: its time cap plus room to finish the last run, or, for the fixed
 *  CI count (about 1-2 s per property on an idle machine), room for a machine 100 times slower. */
export const TEST_TIMEOUT_MS = TIME_LIMIT_MS !== undefined ? TIME_LIMIT_MS + 60_000 : 300_000;
