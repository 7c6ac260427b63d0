// Wrong connections: an error shown on the node it belongs to and cleared by the fix; a cycle and a second
// input into a single-input layer refused with the reason.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('an Embedding fed by a float Input shows the error on the node; int32 clears it', async () => {
  const { ui, page, context, errors } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Input', { x: 80, y: 80 });
  await ui.dragFromPalette('Embedding', { x: 400, y: 80 });
  await ui.connect('input1', 'embedding1');
  const err = ui.nodeError('embedding1');
  await err.waitFor();
  expect((await err.textContent())?.toLowerCase()).toMatch(/int/);
  await ui.screenshot('03-error');
  await ui.select('input1');
  await ui.setParam('dtype', 'int32');
  await err.waitFor({ state: 'detached' });
  expect(await page.locator('[data-testid^="node-error-"]').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a cycle and a second input are refused with the reason, and the graph stays as it was', async () => {
  const { ui, context } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Input', { x: 60, y: 80 });
  await ui.dragFromPalette('Add', { x: 330, y: 80 });
  await ui.dragFromPalette('Dense', { x: 600, y: 80 });
  await ui.connect('input1', 'add1');
  await ui.connect('add1', 'dense1');
  expect(await ui.edgeIds()).toHaveLength(2);

  await ui.connect('dense1', 'add1');
  await poll(() => ui.toast()).toContain('cycle');
  expect(await ui.edgeIds()).toHaveLength(2);

  await ui.connect('input1', 'dense1');
  await poll(() => ui.toast()).toContain('takes one input');
  expect(await ui.edgeIds()).toHaveLength(2);
  await context.close();
});
