// Throughput you can trust (issue 11): while training, data-testid="train-rate" shows steps/s, examples/s
// (steps/s x the mean batch) and time left, measured in the worker; a slow model shows a first-step
// indicator until its first update is done.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers.ts';
import { openExample, openTrainingTab, pause, trainLong, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('steps/s, examples/s and time left while the vanishing LSTM trains; gone when paused', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'vanishing-lstm-recall');
  await openTrainingTab(page);
  await trainLong(page); // the rate shows only while running, and it ends with Pause
  await page.getByTestId('train-start').click();
  await waitForStep(page, 5);
  const rate = page.locator('[data-testid="train-rate"][data-steps-per-sec]');
  await rate.waitFor();
  const [steps, examples, left] = await rate.evaluate((e) => [
    Number(e.getAttribute('data-steps-per-sec')),
    Number(e.getAttribute('data-examples-per-sec')),
    Number(e.getAttribute('data-seconds-left')),
  ]);
  expect(steps).toBeGreaterThan(0);
  // 1800 training rows in batches of 32: 57 steps per epoch, 31.6 examples per step on average.
  expect(examples / steps).toBeCloseTo(1800 / 57, 6);
  expect(left).toBeGreaterThan(0);
  expect(await rate.textContent()).toMatch(/(steps\/s|step per [^·]+) · .+ examples\/s · .+ left/);
  await pause(page);
  expect(await page.getByTestId('train-rate').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a slow model shows the first-step indicator until its first update is done', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'seed-imdb-bilstm');
  await openTrainingTab(page);
  // Watch the page from before Train is pressed: was the indicator ever shown while the step was 0?
  await page.evaluate(() => {
    const w = window as unknown as { __firstStepSeen: boolean };
    w.__firstStepSeen = false;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="train-rate"][data-first-step="true"]');
      const step = document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-step');
      if (el && step === '0') w.__firstStepSeen = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByTestId('train-start').click();
  await waitForStep(page, 1, 120_000);
  expect(await page.evaluate(() => (window as unknown as { __firstStepSeen: boolean }).__firstStepSeen)).toBe(
    true,
  );
  await page.getByTestId('train-stop').click();
  expect(errors).toEqual([]);
  await context.close();
});
