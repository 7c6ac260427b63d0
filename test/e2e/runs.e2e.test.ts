// Runs kept and compared (issue 11): two runs with different batch sizes are kept as two labelled runs
// (the second labelled by what changed: "batch 8"), overlay on one chart, switch x-axis, and survive a
// reload (IndexedDB) until deleted.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, launchBrowser, poll, Ui } from './helpers.ts';
import { openExample, openTrainingTab, waitForPhase, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The runs list as [id, label, visible] rows, newest first. */
async function runRows(page: Page): Promise<{ id: string; label: string; visible: boolean }[]> {
  return page.locator('[data-testid="runs"] [data-testid^="run-"][data-label]').evaluateAll((els) =>
    els.map((e) => ({
      id: (e.getAttribute('data-testid') ?? '').slice('run-'.length),
      label: e.getAttribute('data-label') ?? '',
      visible: e.getAttribute('data-visible') === 'true',
    })),
  );
}

/** Ids of the runs the chart draws. */
async function drawnRuns(page: Page): Promise<string[]> {
  const v = (await page.getByTestId('loss-chart').getAttribute('data-runs')) ?? '';
  return v.split(' ').filter(Boolean).sort();
}

/** Trains the whole run (a few epochs) to the end. */
async function trainToEnd(page: Page): Promise<void> {
  await page.getByTestId('train-start').click();
  await waitForStep(page, 1);
  await waitForPhase(page, 'finished');
}

test('two runs with different batch sizes overlay as two labelled curves, and a reload keeps them', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl());
  await page.getByTestId('app').waitFor();
  const ui = new Ui(page);
  await openExample(page, 'mlp-spirals');
  await openTrainingTab(page);
  expect(await runRows(page)).toEqual([]);
  // Three epochs: 36 steps of 32 examples, then 135 steps of 8 (360 training rows).
  await ui.setField('train-epochs', 3);
  await trainToEnd(page);
  expect(await page.getByTestId('loss-chart').getAttribute('data-step')).toBe('36');
  await ui.setField('train-batch-size', 8);
  expect(await page.getByTestId('train-batch-size').inputValue()).toBe('8');
  // The edit dropped the stopped run's live numbers; the run itself is kept.
  expect(await page.getByTestId('loss-chart').getAttribute('data-step')).toBe('0');
  await trainToEnd(page);
  expect(await page.getByTestId('loss-chart').getAttribute('data-step')).toBe('135');

  const rows = await runRows(page);
  expect(rows.map((r) => r.label)).toEqual(['batch 8', 'adam, lr 0.01, batch 32']);
  expect(rows.every((r) => r.visible)).toBe(true);
  const ids = rows.map((r) => r.id).sort();
  expect(await drawnRuns(page)).toEqual(ids);
  // Different colours, so the two curves can be told apart.
  const colours = await page
    .locator('[data-testid^="run-colour-"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(new Set(colours).size).toBe(2);
  // Examples seen on the x-axis (both runs saw 3 x 360 = 1080 examples).
  await page.getByTestId('chart-x-axis').selectOption('examples');
  expect(await page.getByTestId('loss-chart').getAttribute('data-x-axis')).toBe('examples');
  // Hovering the plot reads values off both curves.
  const over = page.getByTestId('loss-chart').locator('.u-over');
  const box = await over.boundingBox();
  if (!box) throw new Error('no plot');
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2);
  await page.getByTestId('chart-hover').waitFor();
  expect(await page.getByTestId('chart-hover').textContent()).toMatch(/examples seen .*\n.*training: /s);
  await ui.screenshot('runs-two-batch-sizes');

  // Stored in IndexedDB: wait until both rows say so, then reload.
  await poll(() => page.locator('[data-testid="runs"] [data-saved="true"]').count()).toBe(2);
  await page.reload();
  await page.getByTestId('app').waitFor();
  await openTrainingTab(page);
  await poll(async () => (await runRows(page)).map((r) => r.label)).toEqual([
    'batch 8',
    'adam, lr 0.01, batch 32',
  ]);
  await poll(() => drawnRuns(page)).toEqual(ids);

  // Hide one, then delete it: gone from the chart, the list and (after another reload) the database.
  await page.getByTestId(`run-visible-${rows[1].id}`).uncheck();
  await poll(() => drawnRuns(page)).toEqual([rows[0].id]);
  await page.getByTestId(`run-delete-${rows[1].id}`).click();
  expect((await runRows(page)).map((r) => r.id)).toEqual([rows[0].id]);
  // Reload only once the delete is in the database (read there, not after a fixed 300 ms).
  await poll(() => storedRunIds(page)).toEqual([rows[0].id]);
  await page.reload();
  await page.getByTestId('app').waitFor();
  await openTrainingTab(page);
  await poll(async () => (await runRows(page)).map((r) => r.id)).toEqual([rows[0].id]);
  expect(errors).toEqual([]);
  await context.close();
});

/** Ids of the runs kept in IndexedDB (app/runs/db.ts: database "backprop-studio-runs", store "runs"). */
function storedRunIds(page: Page): Promise<string[] | null> {
  return page.evaluate(
    () =>
      new Promise<string[] | null>((resolve) => {
        const req = indexedDB.open('backprop-studio-runs');
        req.onerror = () => resolve(null);
        req.onsuccess = () => {
          const db = req.result;
          const keys = db.transaction('runs', 'readonly').objectStore('runs').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve((keys.result as string[]).sort());
          };
          keys.onerror = () => {
            db.close();
            resolve(null);
          };
        };
      }),
  );
}
