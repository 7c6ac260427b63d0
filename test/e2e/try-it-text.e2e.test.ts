// "Try it" on the names LSTM: a prefix with a character the model never saw says so (which one, and
// that it reads "m" instead of "Em"), and Sample ends names at the data's end marker "." instead of
// always running on for 40 characters (id 0 is "." in this vocabulary, not padding).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, Ui } from './helpers.ts';
import { chartStep, openExample, openTrainingTab, waitForPhase } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('Try it names unknown characters and Sample ends names at "."', async () => {
  const { page, context, errors } = await openApp(browser);
  await openExample(page, 'char-lstm-names');
  await openTrainingTab(page);
  // One epoch (104 steps) trained to its end: the same weights on any machine, where "wait for step 60,
  // then Pause" stopped at whatever step the worker had reached. (Sample's seeds are random, as for users.)
  await new Ui(page).setField('train-epochs', 1);
  await page.getByTestId('train-start').click();
  await waitForPhase(page, 'finished', 180_000);
  expect(await chartStep(page)).toBe(104);
  await page.getByTestId('tab-inference').click();
  await page.getByTestId('lm-prefix').fill('Em');
  const warning = page.getByTestId('oov-warning');
  await warning.waitFor();
  expect(await warning.textContent()).toBe(
    'The model never saw the character "E" (it knows lower-case "e"): it skips it, so it reads "m".',
  );
  await page.getByTestId('lm-prefix').fill('em');
  await warning.waitFor({ state: 'detached' });
  const lengths: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before =
      (await page
        .getByTestId('lm-sampled')
        .textContent()
        .catch(() => null)) ?? '';
    await page.getByTestId('lm-sample').click();
    // a new sample may repeat the last name: wait for a change, but not forever
    await page
      .waitForFunction(
        (old) => (document.querySelector('[data-testid="lm-sampled"]')?.textContent ?? '') !== old,
        before,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    const name = (await page.locator('[data-testid="lm-sampled"] strong').textContent()) ?? '';
    expect(name).not.toContain('.');
    lengths.push(name.length);
  }
  // the old Sample excluded "." and always wrote 40 characters
  expect(
    lengths.some((n) => n < 40),
    `sample lengths ${lengths}`,
  ).toBe(true);
  await page.getByTestId('lm-prefix').fill('Em');
  await warning.waitFor();
  await page.screenshot({ path: '/tmp/field-try-it.png' });
  expect(errors).toEqual([]);
  await context.close();
});
