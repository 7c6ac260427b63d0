// Autosave that never loses work, in a real browser: a saved copy that cannot be opened (damaged by a
// schema error, or from a newer version) is kept aside and downloadable; two tabs ask instead of
// overwriting each other; a share link keeps the graph it replaces in Recent; a full storage is
// reported; hostile share links (100,000 deep, 20 MB) are refused with a clear message.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, clickToolbar, launchBrowser, openApp, poll } from './helpers.ts';
import { traceMainThread } from './trace-helpers.ts';

const KEY = 'backprop-studio:autosave:v1';
const hostile = (name: string) =>
  readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url), 'utf8').trim();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let seeds = 0;
/** Puts `value` under the autosave key and reloads, as the steps say. The value is written by
 *  an init script in the new page, so a late autosave of the old page cannot overwrite it first. */
async function reloadWithAutosave(page: Page, value: string): Promise<void> {
  const token = `seed-${++seeds}`;
  await page.addInitScript(
    ([k, v, t]) => {
      if (sessionStorage.getItem(t)) return;
      sessionStorage.setItem(t, '1');
      localStorage.setItem(k, v);
    },
    [KEY, value, token],
  );
  await page.reload();
  await page.getByTestId('app').waitFor();
}

const rescued = (page: Page) =>
  page.evaluate(
    () => JSON.parse(localStorage.getItem('backprop-studio:rescued:v1') ?? '[]') as Array<{ text: string }>,
  );

for (const [file, reason, expected] of [
  ['autosave-value-newer-version.txt', 'newer', 'format version 2, from a newer Backprop Studio'],
  ['autosave-value-units0.txt', 'invalid', 'units must be a whole number from 1 to 4096, got 0'],
] as const) {
  test(`a saved copy that cannot be opened (${reason}) is kept aside, explained and downloadable`, async () => {
    const { page, context, errors, ui } = await openApp(browser);
    const value = hostile(file);
    await reloadWithAutosave(page, value);
    const banner = page.getByTestId('autosave-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('refused');
    expect(await banner.textContent()).toContain(expected);
    if (reason === 'newer') await ui.screenshot('autosave-newer-version-refused');
    // kept exactly as it was, and still there after the app has autosaved the example it shows
    expect((await rescued(page))[0].text).toBe(value);
    await clickToolbar(page, 'toolbar-theme'); // a change: the autosave writes
    await poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).not.toBe(value);
    await page.reload();
    await page.getByTestId('app').waitFor();
    expect((await rescued(page))[0].text).toBe(value);
    expect(await page.getByTestId('autosave-banner').count()).toBe(0);
    errors.length = 0;
    await reloadWithAutosave(page, value);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('autosave-download').click(),
    ]);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved).toContain('MY PRECIOUS WORK');
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('two tabs: each asks before overwriting the other, and nothing is lost either way', async () => {
  const a = await openApp(browser, { empty: true });
  const b = await a.context.newPage();
  await b.goto(`${baseUrl()}/`);
  await b.getByTestId('app').waitFor();
  const stored = () =>
    a.page.evaluate((k) => (JSON.parse(localStorage.getItem(k) ?? '{}').graph?.nodes ?? []).length, KEY);
  // tab B adds an Input and saves; tab A notices and asks instead of saving over it
  await b
    .getByTestId('palette-Input')
    .dragTo(b.locator('.react-flow__pane'), { targetPosition: { x: 80, y: 80 } });
  await poll(stored).toBe(1);
  const bannerA = a.page.getByTestId('autosave-banner');
  await bannerA.waitFor();
  expect(await bannerA.getAttribute('data-kind')).toBe('conflict');
  expect(await bannerA.textContent()).toContain('changed in another tab');
  // A keeps editing: nothing of A's is written over B's save until A answers
  await a.ui.dragFromPalette('Dense', { x: 300, y: 200 });
  await a.ui.dragFromPalette('GRU', { x: 500, y: 200 });
  expect(await stored()).toBe(1);
  // A keeps its graph: B's graph goes to A's Recent first, then A saves
  await a.page.getByTestId('autosave-keep-mine').click();
  await poll(stored).toBe(2);
  await poll(() => bannerA.count()).toBe(0);
  await a.page.getByTestId('toolbar-recent').click();
  expect(await a.page.getByTestId('recent-0').textContent()).toContain('1 layer ·');
  // now B is asked; it opens A's graph, its own stays one Undo away and in Recent
  const bannerB = b.getByTestId('autosave-banner');
  await bannerB.waitFor();
  await b.getByTestId('autosave-take-theirs').click();
  await poll(() => b.locator('.react-flow__node').count()).toBe(2);
  await b.getByTestId('toolbar-recent').click();
  expect(await b.getByTestId('recent-0').textContent()).toContain('1 layer ·');
  await b.keyboard.press('Escape');
  await b.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await b.keyboard.press('Control+z');
  await poll(() => b.locator('.react-flow__node').count()).toBe(1);
  expect(a.errors).toEqual([]);
  await a.context.close();
});

test('a share link replacing work keeps the old graph in Recent, after the tab is closed too', async () => {
  const a = await openApp(browser, { empty: true });
  await a.ui.dragFromPalette('Input', { x: 80, y: 80 });
  await a.ui.dragFromPalette('LSTM', { x: 380, y: 80 });
  await a.ui.connect('input1', 'lstm1');
  await poll(() => a.ui.edgeIds()).toHaveLength(1);
  // a link made elsewhere (an example's share link), opened in this browser
  await a.page.getByTestId('toolbar-examples').click();
  await a.page.locator('[data-testid^="example-"]').first().click();
  await clickToolbar(a.page, 'toolbar-share');
  const url = await a.page.getByTestId('share-url').inputValue();
  await a.page.keyboard.press('Escape');
  await a.ui.press('Control+z'); // back to the user's own two layers, autosaved
  await poll(() => a.ui.nodeIds()).toEqual(['input1', 'lstm1']);
  const tab = await a.context.newPage();
  await a.page.close();
  await tab.goto(url);
  await tab.getByTestId('app').waitFor();
  await poll(() => tab.getByTestId('toast').textContent()).toContain('it is also in Recent');
  await tab.close();
  // a fresh tab later: the shared graph is current, the user's work is in Recent
  const later = await a.context.newPage();
  await later.goto(`${baseUrl()}/`);
  await later.getByTestId('toolbar-recent').click();
  const first = later.getByTestId('recent-0');
  await first.waitFor();
  expect(await first.textContent()).toContain('Open shared graph');
  await first.click();
  await poll(() => later.locator('.react-flow__node').count()).toBe(2);
  expect(await later.getByTestId('node-lstm1').count()).toBe(1);
  await a.context.close();
});

test('a full storage is reported, and the banner goes once saving works again', async () => {
  const { page, context, ui } = await openApp(browser, { empty: true });
  await page.evaluate(() => {
    const real = Storage.prototype.setItem;
    (window as unknown as { __full: boolean }).__full = true;
    Storage.prototype.setItem = function (k: string, v: string) {
      if ((window as unknown as { __full: boolean }).__full) {
        throw new DOMException(
          "Failed to execute 'setItem' on 'Storage': exceeded the quota.",
          'QuotaExceededError',
        );
      }
      return real.call(this, k, v);
    };
  });
  await ui.dragFromPalette('Input', { x: 80, y: 80 });
  const banner = page.getByTestId('autosave-banner');
  await banner.waitFor();
  expect(await banner.getAttribute('data-kind')).toBe('quota');
  expect(await banner.textContent()).toContain('storage for this site is full');
  await page.evaluate(() => {
    (window as unknown as { __full: boolean }).__full = false;
  });
  await ui.dragFromPalette('Dense', { x: 300, y: 80 });
  await poll(() => banner.count()).toBe(0);
  await context.close();
});

test('a 100,000-deep share link is refused at once with what, where and the limit', async () => {
  // "At once" is measured as the page's own CPU time per main-thread task (a Chrome trace), not as wall
  // time, which a busy machine stretches: the quadratic walk froze the tab for a minute in one task.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const toast = page.getByTestId('toast');
  // First the app's origin (another URL, so the link below is a real navigation), so that the traced
  // navigation stays in this renderer process and its main thread is the one traced.
  await page.goto(`${baseUrl()}/?before-the-link`);
  await page.getByTestId('app').waitFor();
  const traced = await traceMainThread(
    context,
    page,
    async () => {
      await page.goto(`${baseUrl()}/${hostile('share-hash-deep100000.txt')}`);
      await toast.waitFor({ timeout: 60_000 });
    },
    0,
  );
  expect(traced.length).toBeGreaterThan(0); // the trace saw the page's tasks (else the check below is empty)
  expect(await toast.textContent()).toMatch(
    /share link could not be opened.*nested \d+ levels deep \(the limit is 64.*refused before reading further/s,
  );
  const longest = Math.max(0, ...traced.map((t) => t.cpu));
  console.log(
    `deep share link: ${traced.length} main-thread tasks, the longest ${Math.round(longest)} ms of CPU (${Math.round(Math.max(...traced.map((t) => t.wall)))} ms wall)`,
  );
  expect(longest).toBeLessThan(1000);
  await page.getByTestId('palette-Dense').waitFor(); // and the app is usable
  expect(errors).toEqual([]);
  await context.close();
});

test('a share link carrying a 20 MB graph is refused by the 5 MB cap', async () => {
  const { page, context } = await openApp(browser, { path: hostile('share-hash-20MB-description.txt') });
  const toast = page.getByTestId('toast');
  await toast.waitFor({ timeout: 60_000 }); // bounds a hang only; the app is already up
  expect(await toast.textContent()).toContain('over the 5 MB limit');
  await context.close();
});
