// A student builds the seed IMDb classifier from an empty canvas by drag and drop only, sets its params in
// the inspector, and reads the Keras total 2,757,761 in the Summary tab.
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

test('build the seed classifier by drag and drop and see 2,757,761 params', async () => {
  const { ui, page, errors, context } = await openApp(browser, { empty: true });
  await ui.screenshot('01-empty');
  expect(await ui.nodeIds()).toEqual([]);

  await ui.dragFromPalette('Input', { x: 60, y: 50 });
  await ui.setParam('shape', '200');
  await ui.setParam('dtype', 'int32');
  await ui.dragFromPalette('Embedding', { x: 340, y: 50 });
  await ui.setParam('vocabSize', 20000);
  await ui.setParam('dim', 128);
  await ui.connect('input1', 'embedding1');
  await ui.dragFromPalette('LSTM', { x: 620, y: 50 });
  await ui.setParam('units', 64);
  await ui.setParam('returnSequences', true);
  await ui.setParam('bidirectional', true);
  await ui.connect('embedding1', 'lstm1');
  await ui.screenshot('02-building');

  await ui.dragFromPalette('LSTM', { x: 60, y: 260 });
  await ui.setParam('units', 64);
  await ui.setParam('bidirectional', true);
  await ui.connect('lstm1', 'lstm2');
  await ui.dragFromPalette('Dense', { x: 340, y: 260 });
  await ui.setParam('units', 1);
  await ui.setParam('activation', 'sigmoid');
  await ui.connect('lstm2', 'dense1');

  expect(await ui.nodeIds()).toEqual(['input1', 'embedding1', 'lstm1', 'lstm2', 'dense1']);
  expect(await ui.edgeIds()).toHaveLength(4);
  // Live feedback on the nodes and edges: shapes and per-layer Keras counts.
  await poll(() => ui.node('embedding1').getAttribute('data-output-shape')).toBe('[200, 128]');
  expect(await ui.node('lstm1').getAttribute('data-output-shape')).toBe('[200, 128]');
  expect(await ui.node('lstm2').getAttribute('data-output-shape')).toBe('[128]');
  expect(await ui.node('embedding1').getAttribute('data-param-count')).toBe('2560000');
  expect(await ui.node('lstm1').getAttribute('data-param-count')).toBe('98816');
  const edgeToLstm2 = page.locator('[data-testid^="edge-label-"]', { hasText: '[200, 128]' });
  expect(await edgeToLstm2.count()).toBe(2);
  await poll(() => ui.summaryTotal()).toBe('2,757,761');
  // ready once the data-fit check (spam into this Input and output) has answered too
  await poll(() => page.getByTestId('summary-status').textContent()).toContain('ready to train');
  await clickToolbar(page, 'toolbar-fit');
  await ui.settle(); // the fit-view animation ends before the picture
  await ui.screenshot('04-summary');
  expect(errors).toEqual([]);
  await context.close();
});

test('a refused param value shows why and leaves the graph unchanged', async () => {
  const { ui, page, context } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Dense', { x: 200, y: 100 });
  await ui.setParam('units', 0);
  await poll(() => page.getByTestId('param-units-error').textContent()).toContain('from 1 to 4096');
  expect(await ui.node('dense1').locator('.layer-node-params').textContent()).toContain('32 units');
  await ui.setParam('units', 2.5);
  expect(await page.getByTestId('param-units-error').textContent()).toContain('whole number');
  await context.close();
});

test('keyboard users build a chain from the palette with Enter', async () => {
  const { ui, page, context } = await openApp(browser, { empty: true });
  await page.getByTestId('palette-Input').focus();
  await page.keyboard.press('Enter');
  await poll(() => ui.nodeIds()).toEqual(['input1']);
  // The new node is selected, so the next layer is added after it and wired to it.
  await page.getByTestId('palette-Dense').focus();
  await page.keyboard.press('Enter');
  await poll(() => ui.nodeIds()).toEqual(['input1', 'dense1']);
  await poll(() => ui.edgeIds()).toHaveLength(1);
  await poll(() => ui.node('dense1').getAttribute('data-output-shape')).toBe('[32]');
  // The shortcuts are listed in the app itself.
  await ui.press('Shift+Slash');
  await page.getByTestId('keys').waitFor();
  expect(await page.getByTestId('keys').textContent()).toContain('Ctrl+Shift+Z');
  await page.keyboard.press('Escape');
  await page.getByTestId('keys').waitFor({ state: 'detached' });
  await context.close();
});
