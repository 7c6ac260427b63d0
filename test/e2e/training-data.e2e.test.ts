// Data in the browser: upload a small CSV and a small text file through the picker and train on each (the
// upload survives a reload); a malformed file shows its line and column and changes nothing; the character
// LM's top-5 table after training shows five tokens whose probabilities sum to at most 1.
import type { Browser, Page } from 'playwright-core';
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

/** Picks a file in the dataset picker's Upload button. */
async function upload(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('data-upload-input').setInputFiles({
    name,
    mimeType: name.endsWith('.csv') ? 'text/csv' : 'text/plain',
    buffer: Buffer.from(text),
  });
}

// Two noisy blobs: x + y < 0 is class 0, otherwise class 1 (60 rows, deterministic).
const POINTS_CSV = `x,y,label\n${Array.from({ length: 60 }, (_, i) => {
  const x = Math.sin(i * 1.7) * 2;
  const y = Math.cos(i * 2.3) * 2;
  return `${x.toFixed(3)},${y.toFixed(3)},${x + y < 0 ? 0 : 1}`;
}).join('\n')}\n`;

test('a CSV uploaded through the picker is previewed, trains, and is still there after a reload', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'mlp-spirals');
  await openTrainingTab(page);
  await upload(page, 'points.csv', POINTS_CSV);
  const preview = page.locator('[data-testid="data-preview"][data-dataset-id="upload:points.csv"]');
  await preview.waitFor();
  expect(await preview.getAttribute('data-x-shape')).toBe('60,2');
  expect(await page.getByTestId('dataset-select').inputValue()).toBe('upload:points.csv');
  await page.getByTestId('train-start').click();
  await waitForStep(page, 5);
  await page.reload();
  await page.getByTestId('app').waitFor();
  await openTrainingTab(page);
  expect(await page.getByTestId('dataset-select').inputValue()).toBe('upload:points.csv');
  await page.getByTestId('train-start').click();
  await waitForStep(page, 5);
  expect(errors).toEqual([]);
  await context.close();
});

test('a text file uploaded for the character LSTM trains', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'char-lstm-names');
  await openTrainingTab(page);
  await upload(page, 'poem.txt', 'the cat sat on the mat and the dog sat on the log. '.repeat(12));
  const preview = page.locator('[data-testid="data-preview"][data-dataset-id="upload:poem.txt"]');
  await preview.waitFor();
  expect(await preview.getAttribute('data-x-shape')).toMatch(/^\d+,16$/);
  expect(await page.getByTestId('dataset-select').inputValue()).toBe('upload:poem.txt');
  await page.getByTestId('train-start').click();
  await waitForStep(page, 3);
  expect(Number(await page.getByTestId('loss-chart').getAttribute('data-last-loss'))).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a text file dropped on the picker is used like a picked one', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'char-lstm-names');
  await openTrainingTab(page);
  await page.getByTestId('dataset-picker').evaluate((el) => {
    const dt = new DataTransfer();
    dt.items.add(
      new File(['a rose is a rose is a rose. '.repeat(20)], 'dropped.txt', { type: 'text/plain' }),
    );
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.locator('[data-testid="data-preview"][data-dataset-id="upload:dropped.txt"]').waitFor();
  expect(await page.getByTestId('dataset-select').inputValue()).toBe('upload:dropped.txt');
  expect(errors).toEqual([]);
  await context.close();
});

test('a malformed CSV shows its line and column and changes nothing', async () => {
  const { page, context } = await openApp(browser);
  await openExample(page, 'mlp-spirals');
  await openTrainingTab(page);
  await page.getByTestId('data-preview').waitFor();
  const before = await page.evaluate(() => localStorage.getItem('backprop-studio.uploads'));
  await upload(page, 'bad.csv', 'x,y,label\n0.1,0.2,0\n0.3,abc,1\n');
  const err = page.getByTestId('data-error');
  await err.waitFor();
  expect(await err.textContent()).toMatch(/^Line 3, column \d+: bad\.csv: /);
  expect(await page.getByTestId('dataset-select').inputValue()).toBe('builtin:spirals');
  expect(await page.getByTestId('train-dataset').inputValue()).toBe('builtin:spirals');
  expect(await page.evaluate(() => localStorage.getItem('backprop-studio.uploads'))).toBe(before);
  await context.close();
});

test('character LM: after training, the top-5 table shows five tokens with probabilities summing to at most 1', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'char-lstm-names');
  await openTrainingTab(page);
  await trainLong(page); // paused below: the run must not end first
  await page.getByTestId('train-start').click();
  await waitForStep(page, 10, 90_000);
  await pause(page);
  await page.getByTestId('tab-inference').click();
  await page.getByTestId('lm-prefix').fill('an');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="top5-row"]').length === 5);
  const probs = await page
    .getByTestId('top5-row')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-prob'))));
  const tokens = await page
    .getByTestId('top5-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-token')));
  expect(new Set(tokens).size).toBe(5);
  const sum = probs.reduce((a, b) => a + b, 0);
  expect(sum).toBeGreaterThan(0);
  expect(sum).toBeLessThanOrEqual(1 + 1e-6);
  for (let i = 1; i < 5; i++) expect(probs[i]).toBeLessThanOrEqual(probs[i - 1]);
  await page.getByTestId('lm-sample').click();
  await page.getByTestId('lm-sampled').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
