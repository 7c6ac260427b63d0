// Faults and smoothness: a diverging setting stops with the divergence shown on the node (and edge) where
// it started, and clipping rescues the same setting; while training runs, no main-thread task over 50 ms is
// caused by training updates (PerformanceObserver 'longtask' registered before the app loads, plus a Chrome
// trace that separates the page's own CPU time from time spent waiting for a core).
import { cpus, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, clickToolbar, launchBrowser, openApp, Ui } from './helpers.ts';
import {
  chartStep,
  openExample,
  openTrainingTab,
  pause,
  trainLong,
  waitForPhase,
  waitForStep,
} from './training-helpers.ts';
import { traceMainThread } from './trace-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a diverging setting shows the divergence on node rec; with clipping (norm, value) the same setting trains', async () => {
  const { page, ui, context, errors } = await openApp(browser);
  await openTrainingTab(page);
  await clickToolbar(page, 'open-lesson');
  await page.getByTestId('lesson-tab-exploding').click();
  await page.getByTestId('lesson-explode-load').click();
  await waitForPhase(page, 'diverged');
  const message = (await page.getByTestId('train-message').textContent()) ?? '';
  expect(message).toMatch(/node rec/);
  expect(message).toMatch(/clipping/);
  expect(await ui.node('rec').locator('.badge.tone-error').textContent()).toMatch(/diverged/);
  expect(await ui.node('emb').locator('.badge.tone-error').count()).toBe(0);
  const marked = await page
    .locator('.edge-label')
    .evaluateAll((els) => els.filter((e) => e.textContent?.includes('diverged')).length);
  expect(marked).toBeGreaterThan(0);
  await ui.screenshot('exploding-diverged');

  // The clipped runs below are stopped and paused by the test: they must not finish first (the preset's 30
  // epochs of a 10-step RNN take about 2 s on an idle machine). Clipping keeps the other settings.
  await trainLong(page);
  await clickToolbar(page, 'open-lesson');
  await page.getByTestId('lesson-clip-norm').click();
  await waitForStep(page, 30);
  expect(await page.getByTestId('train-controls').getAttribute('data-phase')).toBe('running');
  expect(await ui.node('rec').locator('.badge.tone-error').count()).toBe(0);
  // The same setting with clipping by value instead (Stop first, so the edit needs no question).
  await page.getByTestId('train-stop').click();
  await waitForPhase(page, 'stopped');
  await clickToolbar(page, 'open-lesson');
  await page.getByTestId('lesson-clip-value').click();
  expect(await page.getByTestId('train-clip').inputValue()).toBe('value');
  await waitForPhase(page, 'running');
  await waitForStep(page, 30);
  expect(await page.getByTestId('train-controls').getAttribute('data-phase')).not.toBe('diverged');
  await pause(page);
  expect(errors).toEqual([]);
  await context.close();
});

test('long tasks: no main-thread task over 50 ms caused by training updates', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId('app').waitFor();
  await openExample(page, 'vanishing-rnn-recall');
  // Training must outlast the measurement window (else the window measures an idle page).
  await trainLong(page);
  // The Training tab (uPlot) is opened and drawn before the measurement; the JSON tab (Monaco) never is.
  await openTrainingTab(page);
  await page.getByTestId('train-start').click();
  await waitForStep(page, 2);
  // Park the mouse off the canvas: hovering changing elements adds hit-testing that is not training's.
  await page.mouse.move(5, 880);
  await page.waitForTimeout(300);
  // The window starts after tracing has started and ends before it stops (starting a trace is itself a
  // long task of the browser's, not of training).
  let [t0, t1, step0, step1] = [0, 0, 0, 0];
  const traced = await traceMainThread(context, page, async () => {
    t0 = await page.evaluate(() => performance.now());
    step0 = await chartStep(page);
    await page.waitForTimeout(6000);
    t1 = await page.evaluate(() => performance.now());
    step1 = await chartStep(page);
  });
  const long = await page.evaluate(
    ([a, b]) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
        (t) => t.start >= a && t.start <= b,
      ),
    [t0, t1],
  );
  const [load1] = loadavg();
  console.log(
    `long tasks while training ${((t1 - t0) / 1000).toFixed(1)} s (steps ${step0} -> ${step1}, load ${load1.toFixed(1)} on ${cpus().length} cores): ` +
      `observer ${JSON.stringify(long.map((t) => Math.round(t.duration)))} ms; ` +
      `traced tasks >= 30 ms wall/cpu ${JSON.stringify(traced.map((t) => `${Math.round(t.wall)}/${Math.round(t.cpu)}`))}`,
  );
  // Training ran through the window: still running, and the step grows (waited for as a state, not
  // asserted at t1, where a starved worker may not have reported yet).
  expect(await page.getByTestId('train-controls').getAttribute('data-phase')).toBe('running');
  await waitForStep(page, step0 + 1);
  // The page's own work per task (thread CPU time) stays under 50 ms: training updates are cheap.
  expect(traced.filter((t) => t.cpu > 50)).toEqual([]);
  // The observer's wall-clock long tasks are logged above, not asserted: they include time spent waiting
  // for a core, so asserting them (even only when the load average looked low) made the outcome depend on
  // what else the machine ran during the window. The CPU-time check is the one that says what training did.
  await new Ui(page).screenshot('training-longtask-run');
  await context.close();
});
