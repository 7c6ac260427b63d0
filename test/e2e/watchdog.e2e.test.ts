// The worker watchdog in real Chromium: a training worker that closes itself sends no error event, so
// without the watchdog the app said "training" forever; a wedged one that keeps running but sends nothing
// looks the same. A test hook makes the worker close itself (or fall silent), then
// sets a 1 s watchdog (restarting the watch from then, so a slow machine's gaps before the close cannot
// trip it); the controls must say "not responding", the Training tab must explain and offer Stop, and Stop
// must leave training (the worker is ended and reported; the graph is untouched; Train starts afresh).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers.ts';
import {
  openExample,
  openTrainingTab,
  phase,
  trainLong,
  waitForPhase,
  waitForStep,
} from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

for (const fault of ['close', 'silence'] as const) {
  test(`a worker that ${fault === 'close' ? 'closes itself' : 'stops sending progress'} is reported as not responding, and Stop ends it`, async () => {
    const { page, ui, context, errors } = await openApp(browser);
    await openExample(page, 'vanishing-rnn-recall');
    await openTrainingTab(page);
    await trainLong(page); // the run must still be "running" when the worker goes away
    await page.getByTestId('train-start').click();
    await waitForStep(page, 2);
    expect(await page.getByTestId('train-controls').getAttribute('data-stalled')).toBe('false');

    await page.evaluate((kind) => {
      window.__backpropTraining?.simulateWorkerFault(kind);
      window.__backpropTraining?.setStallMs(1000);
    }, fault);
    const controls = page.locator('[data-testid="train-controls"][data-stalled="true"]');
    await controls.waitFor({ timeout: 30_000 });
    expect(await phase(page)).toBe('running'); // nothing told the page the worker is gone
    expect(await page.getByTestId('train-status').textContent()).toContain('not responding');
    const alert = page.getByTestId('train-stalled');
    expect(await alert.textContent()).toMatch(/has sent nothing for 1 s: it may have stopped\. Press Stop/);
    await page.setViewportSize({ width: 1280, height: 720 });
    if (fault === 'close') await ui.screenshot('watchdog-not-responding');

    await page.getByTestId('train-stalled-stop').click();
    await waitForPhase(page, 'crashed');
    expect(await page.getByTestId('train-controls').getAttribute('data-stalled')).toBe('false');
    expect(await page.getByTestId('train-message').textContent()).toMatch(
      /worker was stopped.*graph is safe/,
    );
    expect(await page.getByTestId('train-start').isEnabled()).toBe(true);
    expect(await ui.nodeIds()).toEqual(['tokens', 'emb', 'rec', 'logits', 'probs']);

    // a fresh worker trains again (the default watchdog back: a busy machine's gaps must not trip it)
    await page.evaluate(() => window.__backpropTraining?.setStallMs(20_000));
    await page.getByTestId('train-start').click();
    await waitForPhase(page, 'running');
    await waitForStep(page, 2);
    await page.getByTestId('train-stop').click();
    await waitForPhase(page, 'stopped');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
}
