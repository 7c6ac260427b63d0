// User-language steps for the training tests: open an example, press the training buttons, read the
// chart's step and loss, wait for the step counter to reach a number.
import type { Dialog, Page } from 'playwright-core';
import { Ui } from './helpers.ts';

/** Opens an example from the gallery by its file id (accepting the "replace your graph?" question). */
export async function openExample(page: Page, id: string): Promise<void> {
  await page.getByTestId('toolbar-examples').click();
  const accept = (d: Dialog) => void d.accept();
  page.once('dialog', accept);
  await page.getByTestId(`example-${id}`).click();
  await page.getByTestId('examples').waitFor({ state: 'detached' });
  // No question came (nothing unsaved): do not leave the handler to answer a later dialog.
  page.off('dialog', accept);
}

/** The loss chart's data-step. */
export async function chartStep(page: Page): Promise<number> {
  return Number(await page.getByTestId('loss-chart').getAttribute('data-step'));
}

/** The loss chart's data-last-loss (NaN before the first step). */
export async function chartLoss(page: Page): Promise<number> {
  const v = await page.getByTestId('loss-chart').getAttribute('data-last-loss');
  return v === null ? Number.NaN : Number(v);
}

/** Waits until the chart's step is at least n. */
export async function waitForStep(page: Page, n: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (want) => Number(document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-step')) >= want,
    n,
    { timeout, polling: 100 },
  );
}

/** Opens the Training tab (where the loss chart lives). */
export async function openTrainingTab(page: Page): Promise<void> {
  await page.getByTestId('tab-training').click();
  await page.getByTestId('loss-chart').waitFor();
}

/** The training status phase shown by the controls (running, paused, diverged, ...). */
export async function phase(page: Page): Promise<string> {
  return (await page.getByTestId('train-controls').getAttribute('data-phase')) ?? '';
}

/** Waits until the controls show this phase. */
export async function waitForPhase(page: Page, want: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="train-controls"][data-phase="${want}"]`).waitFor({ timeout });
}

/** Pauses and waits until the worker has confirmed it. */
export async function pause(page: Page): Promise<void> {
  await page.getByTestId('train-pause').click();
  await waitForPhase(page, 'paused');
}

/** Sets the graph's epochs to the maximum (100,000) so the run cannot end during the test. A test that
 *  pauses, stops, kills or edits a running run, or expects it to be "running", must not race the run's own
 *  end: an idle machine trains the vanishing RNN's 30 epochs (1,710 steps) in about 3 s, so "wait for step
 *  200, then Pause" failed on a fast machine and passed on a slow one. Call it before pressing Train. */
export async function trainLong(page: Page): Promise<void> {
  // Enter commits the field to the graph synchronously (the views tests rely on the same).
  await new Ui(page).setField('train-epochs', 100_000);
}
