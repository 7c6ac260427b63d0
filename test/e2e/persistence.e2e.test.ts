// Nothing lost: a reload restores the graph (and selection); a share link opened in a fresh browser context
// shows the same graph.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clickToolbar, launchBrowser, openApp, poll } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('reload keeps the graph, its edits and the selection', async () => {
  const { ui, page, context, errors } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Input', { x: 80, y: 80 });
  await ui.dragFromPalette('GRU', { x: 380, y: 80 });
  await ui.setParam('units', 48);
  await ui.connect('input1', 'gru1');
  await ui.select('gru1');
  await page.reload();
  await page.getByTestId('app').waitFor();
  await poll(() => ui.nodeIds()).toEqual(['input1', 'gru1']);
  await poll(() => ui.edgeIds()).toHaveLength(1);
  expect(await ui.node('gru1').locator('.layer-node-params').textContent()).toContain('48 units');
  expect(await page.getByTestId('inspector-node').getAttribute('data-node-id')).toBe('gru1');
  expect(errors).toEqual([]);
  await context.close();
});

test('a share link opened in a fresh browser context shows the same graph', async () => {
  const a = await openApp(browser, { empty: true });
  await a.ui.dragFromPalette('Input', { x: 80, y: 80 });
  await a.ui.setParam('shape', '12, 3');
  await a.ui.dragFromPalette('RNN', { x: 380, y: 80 });
  await a.ui.setParam('units', 17);
  await a.ui.connect('input1', 'rnn1');
  await clickToolbar(a.page, 'toolbar-share');
  const url = await a.page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#g=/);
  const shapes = await Promise.all(
    ['input1', 'rnn1'].map((id) => a.ui.node(id).getAttribute('data-output-shape')),
  );
  await a.context.close();

  const b = await openApp(browser, { path: url.replace(/^https?:\/\/[^/]+\//, '') });
  await poll(() => b.ui.nodeIds()).toEqual(['input1', 'rnn1']);
  await poll(() => b.ui.edgeIds()).toHaveLength(1);
  expect(
    await Promise.all(['input1', 'rnn1'].map((id) => b.ui.node(id).getAttribute('data-output-shape'))),
  ).toEqual(shapes);
  expect(shapes).toEqual(['[12, 3]', '[17]']);
  // The hash is consumed, so a reload shows the autosaved copy rather than re-opening the link.
  expect(new URL(b.page.url()).hash).toBe('');
  expect(b.errors).toEqual([]);
  await b.context.close();
});

test('the light (projector) theme is kept across a reload', async () => {
  const { ui, page, context } = await openApp(browser);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await clickToolbar(page, 'toolbar-theme');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await ui.screenshot('06-light-theme');
  await page.reload();
  await page.getByTestId('app').waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await context.close();
});
