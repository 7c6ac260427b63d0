// Both cores: on the cross-origin isolated app (the preview server's COOP/COEP headers) the char LSTM
// trains with two workers sharing its weights, and the status says so; on the same app served without
// those headers it falls back to one worker, and the same Steps give exactly the same losses.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, launchBrowser, openApp, type Session, Ui } from './helpers.ts';
import { chartLoss, openExample, openTrainingTab, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Serves every response of the context without the isolation headers (a plain static host). */
async function withoutIsolation(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
}

/** Opens the char LSTM, presses Step `steps` times; returns the loss after each and the workers shown. */
async function stepCharLstm(s: Session, steps: number) {
  const { page } = s;
  await openExample(page, 'char-lstm-names');
  await openTrainingTab(page);
  const losses: number[] = [];
  for (let k = 1; k <= steps; k++) {
    await page.getByTestId('train-step').click();
    await waitForStep(page, k);
    losses.push(await chartLoss(page));
  }
  const badge = page.getByTestId('train-workers');
  return {
    losses,
    workers: await badge.getAttribute('data-workers'),
    text: await badge.textContent(),
    why: await badge.getAttribute('title'),
    isolated: await page.evaluate(() => crossOriginIsolated),
  };
}

test('isolated: two workers train the char LSTM; without isolation one worker gives the same losses', async () => {
  const two = await openApp(browser);
  const a = await stepCharLstm(two, 4);
  expect(a.isolated).toBe(true);
  expect(a.workers).toBe('2');
  expect(a.text).toContain('2 workers');
  await two.ui.screenshot('both-cores');
  // Reset puts the initial weights back into the shared memory both workers read: step 1 again
  await two.page.getByTestId('train-reset').click();
  await two.page.waitForFunction(
    () => document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-step') === '0',
    null,
    { timeout: 60_000, polling: 100 },
  );
  await two.page.getByTestId('train-step').click();
  await waitForStep(two.page, 1);
  expect(await chartLoss(two.page)).toBe(a.losses[0]);
  expect(two.errors).toEqual([]);
  await two.context.close();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await withoutIsolation(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId('app').waitFor();
  const b = await stepCharLstm({ context, page, ui: new Ui(page), errors }, 4);
  expect(b.isolated).toBe(false);
  expect(b.workers).toBe('1');
  expect(b.why).toContain('not cross-origin isolated');
  await new Ui(page).screenshot('one-worker-fallback');
  expect(a.losses.every(Number.isFinite)).toBe(true);
  expect(b.losses).toEqual(a.losses);
  expect(errors).toEqual([]);
  await context.close();
});
