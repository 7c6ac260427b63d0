// Chart polish (issue 11): a diverging run names its step once and the same everywhere (status, message,
// chart mark); log scale and the x-axis choices draw without errors; hover reads values.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll } from './helpers.ts';
import { openTrainingTab, waitForPhase } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the divergence step is one number: status, message and chart mark agree, and it is said once', async () => {
  const { page, context, errors, ui } = await openApp(browser);
  await openTrainingTab(page);
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('lesson-exploding-gradients').click();
  await page.getByTestId('lesson-player').waitFor();
  await page.getByTestId('train-start').click();
  await waitForPhase(page, 'diverged');
  const at = Number(await page.getByTestId('loss-chart').getAttribute('data-diverged-at'));
  expect(at).toBeGreaterThan(0);
  // The last finite step is one before the one that failed.
  expect(Number(await page.getByTestId('loss-chart').getAttribute('data-step'))).toBe(at - 1);
  expect(await page.getByTestId('train-status').textContent()).toMatch(new RegExp(`at step ${at}$`));
  const message = (await page.getByTestId('train-message').textContent()) ?? '';
  expect(message).toContain(`at step ${at}`);
  // Said once: no other text on the page names a different divergence step.
  const steps = await page.evaluate(() =>
    [...document.body.innerText.matchAll(/(?:at|diverged at) step (\d+)/g)].map((m) => Number(m[1])),
  );
  expect(new Set(steps)).toEqual(new Set([at]));
  // Log scale and each x-axis redraw without errors (the lesson player closed, it sits over the panel).
  await ui.screenshot('chart-diverged');
  await page.getByTestId('lesson-exit').click();
  await page.getByTestId('loss-log-toggle').check();
  for (const axis of ['epochs', 'examples', 'steps']) {
    await page.getByTestId('chart-x-axis').selectOption(axis);
    await poll(() => page.getByTestId('loss-chart').getAttribute('data-x-axis')).toBe(axis);
  }
  await ui.screenshot('chart-diverged-log');
  expect(errors).toEqual([]);
  await context.close();
});
