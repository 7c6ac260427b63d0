// No stale state (issue 11): after a run, opening an example, importing a file, undoing to a different
// architecture or pressing Reset shows step 0, no live numbers and no gradient chips on the graph now on
// the canvas; the old run stays in the runs list (named by its graph) but leaves the chart when the model
// is a different one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll } from './helpers.ts';
import { openExample, openTrainingTab, waitForPhase, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Three optimizer steps of the spirals MLP (paused), with gradients on its edges and nodes. */
async function trainSpirals(page: Page): Promise<void> {
  await openExample(page, 'mlp-spirals');
  await openTrainingTab(page);
  for (let i = 1; i <= 3; i++) {
    await page.getByTestId('train-step').click();
    await waitForStep(page, i);
  }
  await waitForPhase(page, 'paused');
  await poll(() => gradientMarks(page)).toBeGreaterThan(0);
  expect(await page.getByTestId('metric-loss').count()).toBe(1);
}

/** Gradient numbers anywhere on the canvas: edge norms, edge chips, node badges. */
async function gradientMarks(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      document.querySelectorAll(
        '[data-grad-norm], .edge-overlay-label, .layer-node .badge, [data-testid^="timestep-grads-"]',
      ).length,
  );
}

/** What the new graph must show: step 0 everywhere, no numbers of the old run, no gradient chips. */
async function expectFresh(page: Page, oldRunsDrawn: boolean): Promise<void> {
  await poll(() => page.getByTestId('loss-chart').getAttribute('data-step')).toBe('0');
  expect(await page.getByTestId('train-status').textContent()).toMatch(/step 0$/);
  expect(await page.getByTestId('loss-chart').getAttribute('data-last-loss')).toBeNull();
  expect(await page.getByTestId('metric-loss').count()).toBe(0);
  expect(await page.getByTestId('metric-accuracy').count()).toBe(0);
  expect(await gradientMarks(page)).toBe(0);
  const drawn = (await page.getByTestId('loss-chart').getAttribute('data-runs')) ?? '';
  if (!oldRunsDrawn) expect(drawn).toBe('');
  // The old run is kept in the list with its graph's name.
  expect(await page.getByTestId('runs').textContent()).toMatch(/Single hidden layer/);
}

test('opening another example after a run', async () => {
  const { page, context, errors } = await openApp(browser);
  await trainSpirals(page);
  await openExample(page, 'vanishing-rnn-recall');
  await expectFresh(page, false);
  // Train on the new graph: its own numbers, counted from 1.
  await page.getByTestId('train-step').click();
  await waitForStep(page, 1);
  expect(await page.getByTestId('loss-chart').getAttribute('data-step')).toBe('1');
  expect(errors).toEqual([]);
  await context.close();
});

test('importing a graph file after a run', async () => {
  const { page, context, errors } = await openApp(browser);
  await trainSpirals(page);
  const text = readFileSync(resolve(import.meta.dirname, '../../examples/char-lstm-names.json'), 'utf8');
  page.once('dialog', (d) => void d.accept());
  await page
    .getByTestId('import-json')
    .setInputFiles({ name: 'names.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('node-lstm').waitFor();
  await expectFresh(page, false);
  expect(errors).toEqual([]);
  await context.close();
});

test('undoing back to a different architecture after a run', async () => {
  const { page, context, errors } = await openApp(browser);
  const before = await page.locator('.react-flow__node').count();
  await trainSpirals(page);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('toolbar-undo').click();
  await poll(() => page.locator('.react-flow__node').count()).toBe(before);
  expect(await page.getByTestId('node-in').count()).toBe(0); // the spirals MLP's input is gone
  await expectFresh(page, false);
  expect(errors).toEqual([]);
  await context.close();
});

test('Reset after a run: step 0 and no chips; the run stays kept and drawn (same model)', async () => {
  const { page, context, errors } = await openApp(browser);
  await trainSpirals(page);
  await page.getByTestId('train-reset').click();
  await expectFresh(page, true);
  expect(await page.getByTestId('loss-chart').getAttribute('data-runs')).not.toBe('');
  expect(errors).toEqual([]);
  await context.close();
});

test('a finished run: opening another graph clears its overlays before Train is pressed', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'mlp-spirals');
  await openTrainingTab(page);
  await page.getByTestId('train-epochs').fill('2');
  await page.getByTestId('train-epochs').press('Enter');
  await page.getByTestId('train-start').click();
  await waitForPhase(page, 'finished');
  expect(await gradientMarks(page)).toBeGreaterThan(0);
  await openExample(page, 'char-lstm-names');
  await expectFresh(page, false);
  expect(errors).toEqual([]);
  await context.close();
});
