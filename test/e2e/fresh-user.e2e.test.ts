// Defects a fresh-user tester met, each as the user meets it at 1280x720: Step after a finished run
// continues it (the trained weights are kept, and the toast says so); Reset reads "ready"; an error
// toast never covers an open dialog; the embedding map leaves rows no token uses unlabelled and keeps
// labels inside the map; the values view scrolls a 32-value row instead of cutting it; the toolbar
// is one row at 1280 px (presenter mode too), every command visible or one menu away.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, clickToolbar, launchBrowser, openApp, poll, type Ui } from './helpers.ts';
import { openExample, openTrainingTab, trainLong, waitForPhase, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function app(): Promise<{ page: Page; ui: Ui; errors: string[]; close: () => Promise<void> }> {
  const { page, ui, errors, context } = await openApp(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  return { page, ui, errors, close: () => context.close() };
}

const status = (page: Page) => page.getByTestId('train-status').textContent();
const runCount = (page: Page) =>
  page.locator('[data-testid="runs"] [data-testid^="run-"][data-label]').count();

test('Step after a finished run is one more step of that run; Reset then reads "ready"', async () => {
  const { page, ui, errors, close } = await app();
  await openExample(page, 'mlp-spirals');
  await openTrainingTab(page);
  // one epoch: 360 training rows in batches of 32 = 12 updates
  await ui.setField('train-epochs', 1);
  await page.getByTestId('train-start').click();
  await waitForPhase(page, 'finished');
  await poll(() => page.getByTestId('loss-chart').getAttribute('data-step')).toBe('12');
  expect(await status(page)).toBe('finishedstep 12');
  expect(await runCount(page)).toBe(1);

  await page.getByTestId('train-step').click();
  expect(await ui.toast()).toContain('Step continues the finished run from its trained weights (step 13)');
  await waitForStep(page, 13);
  await waitForPhase(page, 'paused');
  expect(await status(page)).toBe('pausedstep 13');
  expect(await page.getByTestId('train-pause').textContent()).toBe('Resume');
  // an epoch was added for the extra steps, so the count reads against two epochs now
  // (the workers badge, "· 1 worker", may follow)
  expect(await page.locator('.run-numbers .metric').first().textContent()).toMatch(
    /^step 13 \/ 24 · epoch 1(\b|$)/,
  );
  // the same run goes on (a new run would start again at step 1 and add a second curve)
  expect(await runCount(page)).toBe(1);
  await ui.screenshot('fresh-user-step-after-finish');

  await page.getByTestId('train-reset').click();
  await poll(() => status(page)).toBe('readystep 0');
  await poll(async () =>
    /^step 0 \/ 12 · epoch 0(\b|$)/.test(
      (await page.locator('.run-numbers .metric').first().textContent()) ?? '',
    ),
  ).toBe(true);
  expect(await page.getByTestId('train-status').getAttribute('data-ready')).toBe('true');
  // nothing to resume at step 0: Train (or Step) starts
  expect(await page.getByTestId('train-pause').isDisabled()).toBe(true);
  expect(await page.getByTestId('train-pause').textContent()).toBe('Pause');
  await page.getByTestId('train-step').click();
  await waitForStep(page, 1);
  expect(await status(page)).toBe('pausedstep 1');
  expect(errors).toEqual([]);
  await close();
});

test('an error toast moves above an open dialog instead of covering it, and back after', async () => {
  const { page, ui, errors, close } = await app();
  await page
    .getByTestId('import-json')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"nodes": [') });
  expect(await ui.toast()).toContain('broken.json');
  expect(await page.getByTestId('toast').getAttribute('data-kind')).toBe('error');
  await page.getByTestId('toolbar-examples').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // the toast is in the dialog's layer, above the dialog, overlapping none of it
  expect(await page.locator('.backdrop [data-testid="toast"]').count()).toBe(1);
  const t = (await page.getByTestId('toast').boundingBox())!;
  const d = (await dialog.boundingBox())!;
  expect(t.y + t.height).toBeLessThanOrEqual(d.y);
  // every example button is the element under its own centre (nothing lies over the dialog)
  const covered = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid^="example-"]')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        if (r.bottom > window.innerHeight) return false; // scrolled out of view inside the dialog
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !b.contains(hit);
      })
      .map((b) => b.dataset.testid),
  );
  expect(covered).toEqual([]);
  await ui.screenshot('fresh-user-toast-over-dialog');
  // clicking the toast does not close the dialog; its close button closes only the toast
  await page.getByTestId('toast').locator('.toast-text').click();
  expect(await dialog.count()).toBe(1);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // the error is still there to read, back over the canvas
  expect(await page.locator('.backdrop [data-testid="toast"]').count()).toBe(0);
  expect(await ui.toast()).toContain('broken.json');
  expect(errors).toEqual([]);
  await close();
});

test('the embedding map: rows no token uses are unlabelled dots, every label stays inside the map', async () => {
  const { page, ui, errors, close } = await app();
  await openExample(page, 'char-lstm-names');
  await page.getByTestId('view-embedding-emb').click();
  const view = page.getByTestId('embedding-view');
  await poll(() => view.getAttribute('data-count')).toBe('32');
  // 27 tokens ('.' and a-z) in a 32-row table
  expect(await page.getByTestId('embedding-unused').textContent()).toContain('Rows 27–31 belong to no token');
  for (let i = 0; i < 32; i++) {
    const p = page.getByTestId(`embedding-point-${i}`);
    expect(await p.getAttribute('data-unused')).toBe(i >= 27 ? 'true' : null);
    expect(await p.locator('text').count(), `point ${i}`).toBe(i >= 27 ? 0 : 1);
  }
  const outside = await page.evaluate(() => {
    const svg = document.querySelector('.embedding-svg')!.getBoundingClientRect();
    return [...document.querySelectorAll('.embedding-svg text')]
      .map((t) => [t.textContent, t.getBoundingClientRect()] as const)
      .filter(([, r]) => r.left < svg.left - 0.5 || r.right > svg.right + 0.5 || r.top < svg.top - 0.5)
      .map(([s]) => s);
  });
  expect(outside).toEqual([]);
  // hovering an unused row names it (with its neighbours) while hovered
  await page.getByTestId('embedding-point-30').dispatchEvent('click');
  await poll(() => page.getByTestId('embedding-point-30').locator('text').textContent()).toBe('#30');
  await ui.screenshot('fresh-user-embedding-map');
  expect(errors).toEqual([]);
  await close();
});

test('the values view scrolls a 32-value row sideways instead of cutting it at the window edge', async () => {
  const { page, ui, errors, close } = await app();
  await openExample(page, 'mlp-spirals');
  await page.getByTestId('view-values-probs').click();
  await page.getByTestId('values-z').waitFor();
  const m = await page.evaluate(() => {
    const table = document.querySelector('[data-testid="values-z"]')!;
    const box = table.parentElement!;
    const body = document.querySelector('.view-window-body')!.getBoundingClientRect();
    const before = box.getBoundingClientRect();
    box.scrollLeft = box.scrollWidth;
    const cells = table.querySelectorAll('td');
    const last = cells[cells.length - 1].getBoundingClientRect();
    return {
      cells: cells.length,
      scrolls: box.scrollWidth > box.clientWidth,
      boxRight: before.right,
      bodyRight: body.right,
      lastRight: last.right,
      after: box.getBoundingClientRect().right,
    };
  });
  expect(m.cells).toBe(32); // Z is the 32 hidden units
  expect(m.scrolls).toBe(true);
  // the scroll box ends inside the window, and scrolled to its end it shows the last value whole
  expect(m.boxRight).toBeLessThanOrEqual(m.bodyRight + 0.5);
  expect(m.lastRight).toBeLessThanOrEqual(m.after + 0.5);
  await ui.screenshot('fresh-user-values-scrolled');
  expect(errors).toEqual([]);
  await close();
});

/** How many rows the toolbar's items sit in (items whose vertical centres are within 12 px share a
 *  row) and the bar's height. */
async function toolbarRows(page: Page): Promise<{ rows: number; height: number }> {
  return page.evaluate(() => {
    const bar = document.querySelector('.toolbar')!;
    const centres = [...bar.querySelectorAll<HTMLElement>('button, .graph-title, .train-status, .other-tabs')]
      .filter((e) => e.offsetParent !== null && !e.closest('[role="menu"]'))
      .map((e) => {
        const r = e.getBoundingClientRect();
        return (r.top + r.bottom) / 2;
      })
      .sort((a, b) => a - b);
    let rows = centres.length ? 1 : 0;
    for (let i = 1; i < centres.length; i++) if (centres[i] - centres[i - 1] > 12) rows++;
    return { rows, height: bar.getBoundingClientRect().height };
  });
}

test('the toolbar is one row at 1280x720, in presenter mode too, and every command is reachable', async () => {
  const { page, ui, errors, close } = await app();
  await openExample(page, 'vanishing-lstm-recall');
  expect(await toolbarRows(page)).toMatchObject({ rows: 1 });
  expect((await toolbarRows(page)).height).toBeLessThan(50);
  await ui.screenshot('fresh-user-toolbar-1280');
  // always in view
  for (const id of [
    'graph-title',
    'toolbar-file',
    'export-json',
    'toolbar-examples',
    'toolbar-undo',
    'toolbar-redo',
    'toolbar-view',
    'presenter-toggle',
    'toolbar-recent',
    'lessons-menu',
    'export-menu',
    'train-start',
    'train-pause',
    'train-step',
    'train-stop',
    'train-reset',
    'train-status',
  ]) {
    expect(await page.getByTestId(id).isVisible(), id).toBe(true);
  }
  expect(await page.getByTestId('toolbar-undo').getAttribute('aria-label')).toBe('Undo');
  // one menu away: each item shows when its menu opens (and the menu shows its keys)
  for (const [menu, items] of [
    ['toolbar-file', ['toolbar-new', 'toolbar-import', 'toolbar-share']],
    ['toolbar-view', ['toolbar-layout', 'toolbar-fit', 'toolbar-theme', 'toolbar-keys']],
    ['lessons-menu', ['open-lesson']],
  ] as const) {
    await page.getByTestId(menu).click();
    for (const id of items) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
    if (menu === 'toolbar-file') await ui.screenshot('fresh-user-toolbar-file-menu');
    await page.keyboard.press('Escape');
    await page.getByTestId(items[0]).waitFor({ state: 'detached' });
  }
  expect(await page.getByTestId('toolbar-view').textContent()).toBe('View ▾');
  await clickToolbar(page, 'toolbar-keys');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  // training: Resume and a longer status still fit
  await openTrainingTab(page);
  await trainLong(page); // paused below: the run must not end first
  await page.getByTestId('train-start').click();
  await waitForStep(page, 3);
  expect((await toolbarRows(page)).rows).toBe(1);
  await page.getByTestId('train-pause').click();
  await waitForPhase(page, 'paused');
  expect(await page.getByTestId('train-pause').textContent()).toBe('Resume');
  expect((await toolbarRows(page)).rows).toBe(1);
  // presenter mode: larger type, file and edit commands aside, still one row
  await page.getByTestId('presenter-toggle').click();
  await poll(() => page.locator('[data-presenter="true"]').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('toolbar-file').isVisible()).toBe(false);
  expect((await toolbarRows(page)).rows).toBe(1);
  await ui.screenshot('fresh-user-toolbar-1280-presenter');
  await clickToolbar(page, 'toolbar-fit'); // View ▾ stays for the lecturer (fit, theme)
  expect(errors).toEqual([]);
  await close();
});

test('with the app open in two tabs, the "2 tabs" badge still fits the one toolbar row, training too', async () => {
  const { page, ui, errors, close } = await app();
  await openExample(page, 'vanishing-lstm-recall');
  const other = await page.context().newPage();
  await other.goto(`${baseUrl()}/`);
  await other.getByTestId('app').waitFor();
  const badge = page.locator('[data-testid="other-tabs"][data-count="1"]');
  await badge.waitFor();
  expect(await badge.textContent()).toBe('2 tabs');
  expect(await toolbarRows(page)).toMatchObject({ rows: 1 });
  expect((await toolbarRows(page)).height).toBeLessThan(50);
  // the code menu reads "Code ▾" on this window; its accessible name and tooltip keep the long name
  expect(await page.getByTestId('export-menu').innerText()).toBe('Code ▾');
  expect(await page.getByRole('button', { name: 'PyTorch · Keras' }).count()).toBe(1);
  await ui.screenshot('fresh-user-toolbar-2-tabs-1280');
  // training, then paused (Resume is the widest label) with the workers badge in the numbers
  await openTrainingTab(page);
  await trainLong(page);
  await page.getByTestId('train-start').click();
  await waitForStep(page, 3);
  expect((await toolbarRows(page)).rows).toBe(1);
  await page.getByTestId('train-pause').click();
  await waitForPhase(page, 'paused');
  expect(await page.getByTestId('train-pause').textContent()).toBe('Resume');
  await page.getByTestId('train-workers').waitFor();
  expect(await toolbarRows(page)).toMatchObject({ rows: 1 });
  expect(await badge.isVisible()).toBe(true);
  // every toolbar item lies inside the window
  const outside = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.toolbar button, .toolbar .other-tabs, .toolbar .train-status',
      ),
    ]
      .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().right > window.innerWidth)
      .map((e) => e.dataset.testid ?? e.className),
  );
  expect(outside).toEqual([]);
  await ui.screenshot('fresh-user-toolbar-2-tabs-training-1280');
  await other.close();
  expect(errors).toEqual([]);
  await close();
});
