// Replay: after one Step the edge shows the gradient at the initial weights; after training on, the
// scrubber brings that first snapshot back onto the canvas (edge and per-time-step strip), "max ‖g‖" jumps
// to the largest gradient kept, and Live returns to the newest; the buffer stays within its bound.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll } from './helpers.ts';
import { openExample, openTrainingTab, pause, trainLong, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the scrubber shows the chosen step’s gradients on the canvas; Live returns; memory stays bounded', async () => {
  const { page, context, errors, ui } = await openApp(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openExample(page, 'vanishing-rnn-recall');
  await openTrainingTab(page);
  // before Step: once a run exists, an edit asks to stop it first (answered Cancel in this browser), and
  // the example's 5 epochs (285 steps) would end before the Pause below
  await trainLong(page);
  const edge = page.getByTestId('edge-e2');
  await page.getByTestId('train-step').click();
  await poll(() => edge.getAttribute('data-grad-norm')).not.toBeNull();
  const first = await edge.getAttribute('data-grad-norm');
  const strip = page.getByTestId('timestep-grads-rec');
  const firstStrip = await strip.getAttribute('data-grad-t1');

  await page.getByTestId('train-start').click();
  await waitForStep(page, 200);
  await pause(page);
  const replay = page.getByTestId('replay');
  await replay.waitFor();
  const live = await edge.getAttribute('data-grad-norm');
  expect(live).not.toBe(first);

  await page.getByTestId('replay-scrubber').fill('0');
  await poll(() => replay.getAttribute('data-replay-step')).toBe('1');
  await poll(() => edge.getAttribute('data-grad-norm')).toBe(first);
  expect(firstStrip).not.toBeNull();
  await poll(() => strip.getAttribute('data-grad-t1')).toBe(firstStrip);
  await ui.screenshot('replay-step-1-1280');

  await page.getByTestId('replay-max').click();
  expect(Number(await replay.getAttribute('data-replay-step'))).toBeGreaterThanOrEqual(1);
  await page.getByTestId('replay-live').click();
  await poll(() => replay.getAttribute('data-replay-step')).toBe('');
  await poll(() => edge.getAttribute('data-grad-norm')).toBe(live);

  const kept = Number(await replay.getAttribute('data-kept'));
  const recorded = Number(await replay.getAttribute('data-recorded'));
  expect(kept).toBeGreaterThanOrEqual(2);
  expect(kept).toBeLessThanOrEqual(Math.min(recorded, 200));
  expect(errors).toEqual([]);
  await context.close();
});
