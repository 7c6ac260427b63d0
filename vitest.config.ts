import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (engine, graph-schema, cli) and browser end-to-end tests
// (Debian chromium via playwright-core against the built app served by `vite preview`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          // A timeout only catches a hang. 60 s failed correct tests in a run under extra load (a 1.3 s
          // CLI test took 60 s there); slow tests set their own, larger ones.
          testTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // as for unit: hang guards, with room for a loaded machine (build-seed took 87 s of 120 there)
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
