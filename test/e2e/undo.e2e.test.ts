// Undo/redo across add, connect, edit, delete (keyboard and toolbar), and a drag is one undo step.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, type Ui, poll } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function state(ui: Ui): Promise<string> {
  const ids = await ui.nodeIds();
  const edges = await ui.edgeIds();
  const dense = ids.includes('dense1')
    ? await ui.node('dense1').locator('.layer-node-params').textContent()
    : '-';
  return `${ids.join(',')} | ${edges.length} edge(s) | ${dense}`;
}

test('undo and redo walk back and forth through add, connect, edit and delete', async () => {
  const { ui, page, context, errors } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Input', { x: 80, y: 80 });
  await ui.dragFromPalette('Dense', { x: 400, y: 80 });
  const added = await state(ui);
  await ui.connect('input1', 'dense1');
  const connected = await state(ui);
  await ui.select('dense1');
  await ui.setParam('units', 7);
  await poll(() => state(ui)).toContain('7 units');
  const edited = await state(ui);
  await ui.select('dense1');
  await ui.press('Delete');
  await poll(() => ui.nodeIds()).toEqual(['input1']);
  const deleted = await state(ui);
  expect([added, connected, edited, deleted]).toEqual([
    'input1,dense1 | 0 edge(s) | 32 units · identity',
    'input1,dense1 | 1 edge(s) | 32 units · identity',
    'input1,dense1 | 1 edge(s) | 7 units · identity',
    'input1 | 0 edge(s) | -',
  ]);

  await ui.press('Control+z');
  await poll(() => state(ui)).toBe(edited);
  await ui.press('Control+z');
  await poll(() => state(ui)).toBe(connected);
  await page.getByTestId('toolbar-undo').click();
  await poll(() => state(ui)).toBe(added);

  await ui.press('Control+Shift+z');
  await poll(() => state(ui)).toBe(connected);
  await ui.press('Control+y');
  await poll(() => state(ui)).toBe(edited);
  await page.getByTestId('toolbar-redo').click();
  await poll(() => state(ui)).toBe(deleted);
  expect(await page.getByTestId('toolbar-redo').isDisabled()).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});

test('dragging a node is one undo step, and so is an arrow-key nudge', async () => {
  const { ui, page, context } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Dense', { x: 100, y: 100 });
  const node = page.locator('.react-flow__node[data-id="dense1"]');
  const before = await node.getAttribute('style');
  const box = (await ui.node('dense1').locator('.layer-node-type').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + 8);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 10 + i * 25, box.y + 8 + i * 15);
  await page.mouse.up();
  expect(await node.getAttribute('style')).not.toBe(before);
  await ui.press('Control+z');
  await poll(() => node.getAttribute('style')).toBe(before);
  expect(await ui.nodeIds()).toEqual(['dense1']);

  // Arrow keys nudge the focused node; each nudge is one undo step.
  await node.focus();
  await page.keyboard.press('ArrowRight');
  await poll(() => node.getAttribute('style')).not.toBe(before);
  await ui.press('Control+z');
  await poll(() => node.getAttribute('style')).toBe(before);
  await context.close();
});

test('copy and paste duplicates the selection with fresh ids', async () => {
  const { ui, context } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('LSTM', { x: 100, y: 100 });
  await ui.select('lstm1');
  await ui.page.keyboard.press('Control+c');
  await ui.page.keyboard.press('Control+v');
  await poll(() => ui.nodeIds()).toEqual(['lstm1', 'lstm2']);
  await context.close();
});
