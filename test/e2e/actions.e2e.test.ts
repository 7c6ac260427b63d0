// The action table in the browser: training driven by its shortcuts (T, K, ".", Shift+K, Shift+R),
// which do nothing while typing in a field or the JSON editor; an inspector param edit, a node drag and a connection undone
// and redone as one step each; and the Keys dialog, generated from the same table, listing them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll, type Ui } from './helpers.ts';
import {
  chartStep,
  openExample,
  openTrainingTab,
  trainLong,
  waitForPhase,
  waitForStep,
} from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const status = (ui: Ui) => ui.page.getByTestId('train-status').textContent();

test('training by keyboard: Step, Train, Pause/Resume, Stop and Reset; a T typed in a field stays text', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await openExample(page, 'vanishing-rnn-recall');
  expect(await page.getByTestId('train-controls').getAttribute('data-phase')).toBe('idle');

  // In a field the key is text: the graph name gets the letter, training does not start.
  const name = page.getByTestId('graph-name');
  await name.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('t');
  expect(await name.inputValue()).toMatch(/t$/);
  await page.keyboard.press('Escape'); // the field's own Escape: back to the stored name
  expect(await name.inputValue()).not.toMatch(/t$/);
  // In the JSON editor too: T is text, and Ctrl+Z undoes the text, not the graph (the example stays open).
  const title = await page.getByTestId('graph-title').textContent();
  await ui.openTab('json');
  await page.getByTestId('json-editor').locator('.view-lines').click();
  await page.keyboard.press('t');
  await page.getByTestId('json-errors').waitFor();
  await page.keyboard.press('Control+z');
  await page.getByTestId('json-errors').waitFor({ state: 'detached' });
  expect(await page.getByTestId('graph-title').textContent()).toBe(title);
  await openTrainingTab(page);
  // The run is paused, resumed and stopped by key below: it must not reach its own end first.
  await trainLong(page);

  // "." = Step: exactly one update, then paused
  await ui.press('.');
  await waitForStep(page, 1);
  await waitForPhase(page, 'paused');
  expect(await chartStep(page)).toBe(1);

  // T = Train (from paused: continues the same run)
  await ui.press('t');
  await waitForPhase(page, 'running');
  await waitForStep(page, 4);
  // K = Pause, K again = Resume
  await ui.press('k');
  await waitForPhase(page, 'paused');
  const paused = await chartStep(page);
  await ui.press('k');
  await waitForPhase(page, 'running');
  await waitForStep(page, paused + 2);
  // Shift+K = Stop
  await ui.press('Shift+K');
  await waitForPhase(page, 'stopped');
  // Shift+R = Reset: back to step 0 with the same seed
  await ui.press('Shift+R');
  await poll(() => status(ui)).toContain('step 0');
  expect(await page.getByTestId('train-controls').getAttribute('data-phase')).toBe('paused');
  expect(errors).toEqual([]);
  await context.close();
});

test('a param edit, a drag and a connection each undo and redo as one step', async () => {
  const { ui, page, context, errors } = await openApp(browser, { empty: true });
  await ui.dragFromPalette('Input', { x: 80, y: 80 });
  await ui.dragFromPalette('Dense', { x: 420, y: 80 });

  // connect, undo, redo
  await ui.connect('input1', 'dense1');
  await poll(() => ui.edgeIds()).toHaveLength(1);
  await ui.press('Control+z');
  await poll(() => ui.edgeIds()).toHaveLength(0);
  expect(await ui.toast()).toContain('Undid: Connect input1 -> dense1');
  await ui.press('Control+y');
  await poll(() => ui.edgeIds()).toHaveLength(1);

  // a param set twice in a row in the inspector is one step (like typing in one field)
  const params = () => ui.node('dense1').locator('.layer-node-params').textContent();
  await ui.select('dense1');
  await ui.setParam('units', 7);
  await poll(params).toContain('7 units');
  await ui.setParam('units', 70);
  await poll(params).toContain('70 units');
  await ui.press('Control+z');
  await poll(params).toContain('32 units');
  expect(await page.getByTestId('param-units').inputValue()).toBe('32');
  await ui.press('Control+Shift+z');
  await poll(params).toContain('70 units');
  // ...and the edge is still there: the param undo did not take the connection with it
  expect(await ui.edgeIds()).toHaveLength(1);

  // a drag of many frames is one step
  const node = page.locator('.react-flow__node[data-id="dense1"]');
  const before = await node.getAttribute('style');
  const box = (await ui.node('dense1').locator('.layer-node-type').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + 8);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 10 + i * 20, box.y + 8 + i * 15);
  await page.mouse.up();
  const after = await node.getAttribute('style');
  expect(after).not.toBe(before);
  await ui.press('Control+z');
  await poll(() => node.getAttribute('style')).toBe(before);
  await poll(params).toContain('70 units'); // one step back only
  await ui.press('Control+y');
  await poll(() => node.getAttribute('style')).toBe(after);

  // Behind a modal (the teacher's Challenge dialog) the canvas keys do nothing; Escape closes it.
  await ui.select('dense1');
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('challenge-edit').click();
  const modal = page.getByTestId('challenge-dialog');
  await modal.waitFor();
  await page.getByTestId('challenge-title').focus();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await modal.waitFor({ state: 'detached' });
  expect(await ui.nodeIds()).toEqual(['input1', 'dense1']);
  expect(errors).toEqual([]);
  await context.close();
});

test('the Keys dialog is generated from the table and lists the training shortcuts', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openExample(page, 'vanishing-rnn-recall');
  await ui.press('Shift+Slash');
  const keys = page.getByTestId('keys');
  await keys.waitFor();
  // the keys column of an action's row
  const keysOf = (name: string) => page.getByTestId(`keys-row-${name}`).locator('td').first().textContent();
  expect(await keysOf('train')).toBe('T');
  expect(await keysOf('pause')).toBe('K');
  expect(await keysOf('step')).toBe('.');
  expect(await keysOf('stop')).toBe('Shift+K');
  expect(await keysOf('reset')).toBe('Shift+R');
  expect(await keysOf('redo')).toBe('Ctrl+Shift+Z or Ctrl+Y');
  expect(await keysOf('lessonNext')).toBe('PageDown');
  expect(await page.getByTestId('keys-training').locator('caption').textContent()).toBe('Training');
  // the toolbar's tooltips name the same keys
  expect(await page.getByTestId('train-start').getAttribute('title')).toMatch(/\(T\)$/);
  expect(await page.getByTestId('train-stop').getAttribute('aria-keyshortcuts')).toBe('Shift+K');
  expect(await page.getByTestId('toolbar-redo').getAttribute('aria-keyshortcuts')).toBe(
    'Control+Shift+Z Control+Y',
  );
  await ui.screenshot('keys-dialog');
  // While the dialog is open only Escape acts: T does not start training behind it. (Had it started,
  // Step below would find a running trainer and the phase would never read 'paused' at step 1.)
  await page.keyboard.press('t');
  await page.keyboard.press('Escape');
  await keys.waitFor({ state: 'detached' });
  await openTrainingTab(page);
  await ui.press('.');
  await waitForStep(page, 1);
  await waitForPhase(page, 'paused');
  expect(await chartStep(page)).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
});
