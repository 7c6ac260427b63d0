// Two tabs of the app in one browser (one context, two pages), told over a BroadcastChannel on top of the
// storage events: each tab shows the other is open before anything is edited, and a change in one tab is
// heard in the other at once even when it never reached localStorage (tab A's storage is full, so no
// storage event can exist), so the other tab asks instead of later saving over it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { join } from 'node:path';
import { baseUrl, launchBrowser, openApp, poll, SCREENSHOT_DIR } from './helpers.ts';

const KEY = 'backprop-studio:autosave:v1';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('two tabs see each other at once and ask, even when one tab cannot save', async () => {
  const a = await openApp(browser, { empty: true });
  expect(await a.page.getByTestId('other-tabs').count()).toBe(0);
  const b = await a.context.newPage();
  await b.goto(`${baseUrl()}/`);
  await b.getByTestId('app').waitFor();
  // presence, before any edit: "2 tabs" in both
  await a.page.locator('[data-testid="other-tabs"][data-count="1"]').waitFor();
  await b.locator('[data-testid="other-tabs"][data-count="1"]').waitFor();
  expect(await b.getByTestId('other-tabs').textContent()).toBe('2 tabs');
  expect(await b.getByTestId('autosave-banner').count()).toBe(0); // the same graph: nothing to ask

  // tab A's storage is full from now on: its edits cannot be written (no storage event can reach B)
  await a.page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k.startsWith('backprop-studio:autosave'))
        throw new DOMException('the quota is full', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
  const storedBefore = await b.evaluate((k) => localStorage.getItem(k), KEY);
  await a.ui.dragFromPalette('Input', { x: 80, y: 80 });
  await a.page.getByTestId('autosave-banner').waitFor(); // A says its save failed
  expect(await a.page.getByTestId('autosave-banner').getAttribute('data-kind')).toBe('quota');
  const bannerB = b.getByTestId('autosave-banner');
  await bannerB.waitFor();
  expect(await bannerB.getAttribute('data-kind')).toBe('conflict');
  expect(await bannerB.textContent()).toContain('changed in another tab');
  expect(await b.evaluate((k) => localStorage.getItem(k), KEY)).toBe(storedBefore); // nothing was stored
  await b.setViewportSize({ width: 1280, height: 720 });
  await b.screenshot({ path: join(SCREENSHOT_DIR, 'two-tabs-conflict.png') });

  // B opens A's graph: A's unsaved work now lives in B too (and B saves it)
  await b.getByTestId('autosave-take-theirs').click();
  await poll(() => b.locator('.react-flow__node').count()).toBe(1);
  await poll(() =>
    b.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').graph?.nodes?.length, KEY),
  ).toBe(1);
  expect(await a.page.getByTestId('autosave-banner').getAttribute('data-kind')).toBe('quota'); // no conflict in A

  // B goes: A is alone again
  await b.close();
  await poll(() => a.page.getByTestId('other-tabs').count()).toBe(0);
  expect(a.errors).toEqual([]);
  await a.context.close();
}, 120_000);
