// The JSON tab (Monaco) and the canvas are two views of one graph: an edit in either shows in the other,
// and text that is not a valid graph leaves the canvas alone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SMALL = {
  format: 'backprop-studio.graph',
  version: 1,
  name: 'Tiny',
  nodes: [
    { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [4], dtype: 'float32' } },
    {
      id: 'out',
      type: 'Dense',
      position: { x: 300, y: 0 },
      params: { units: 3, activation: 'identity', useBias: true },
    },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'out' }],
};

/** The text Monaco shows (visible lines; the tiny graph fits), with its non-breaking spaces normalised. */
async function editorText(page: Page): Promise<string> {
  const text = await page.getByTestId('json-editor').locator('.view-lines').textContent();
  return (text ?? '').replace(/\u00a0/g, ' ');
}

async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.getByTestId('json-editor').locator('.view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  // Typed text would be auto-closed by the editor ({ -> {}), so the test inserts it like a paste.
  await page.keyboard.insertText(text);
}

/** Double-clicks the value of `"key": <number>` on the editor line of node `nodeId` and types a new one,
 *  as a person edits one number in place. */
async function editNumberInEditor(page: Page, nodeId: string, key: string, value: number): Promise<void> {
  const line = page.getByTestId('json-editor').locator('.view-line', { hasText: `"id": "${nodeId}"` });
  const spans = line.locator('span > span');
  const texts = await spans.allInnerTexts();
  const keyAt = texts.findIndex((t) => t.replace(/\u00a0/g, ' ').trim() === `"${key}"`);
  const numberAt = texts.findIndex((t, i) => i > keyAt && /^\d+$/.test(t.trim()));
  if (keyAt < 0 || numberAt < 0)
    throw new Error(`no "${key}": <number> on the line of ${nodeId}: ${texts.join('|')}`);
  await spans.nth(numberAt).dblclick();
  await page.keyboard.type(String(value));
}

test('a param edited in the JSON editor changes the canvas node, and the reverse', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await page.getByTestId('import-json').setInputFiles({
    name: 'tiny.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(SMALL)),
  });
  await expect.poll(() => ui.nodeIds()).toEqual(['in', 'out']);
  await ui.openTab('json');
  await page.getByTestId('json-editor').locator('.view-lines').waitFor();
  await expect.poll(() => editorText(page)).toContain('"units": 3');

  await editNumberInEditor(page, 'out', 'units', 5);
  await expect.poll(() => ui.node('out').getAttribute('data-output-shape')).toBe('[5]');
  expect(await ui.node('out').locator('.layer-node-params').textContent()).toContain('5 units');
  await ui.screenshot('05-json-editor');

  // Canvas -> text: the inspector edit appears in the editor.
  await ui.select('out');
  await ui.setParam('units', 9);
  await expect.poll(() => editorText(page)).toContain('"units": 9');
  expect(errors).toEqual([]);
  await context.close();
});

test('invalid text in the editor lists the problem and leaves the canvas alone', async () => {
  const { ui, page, context } = await openApp(browser);
  const before = await ui.nodeIds();
  const shapes = await Promise.all(before.map((id) => ui.node(id).getAttribute('data-output-shape')));
  await ui.openTab('json');
  await page.getByTestId('json-editor').locator('.view-lines').waitFor();
  await replaceEditorText(
    page,
    '{"format": "backprop-studio.graph", "version": 1, "nodes": [{"id": "a", "type": "Dense"}',
  );
  await page.getByTestId('json-errors').waitFor();
  expect(await page.getByTestId('json-status').textContent()).toContain('Not applied');
  expect(await ui.nodeIds()).toEqual(before);
  expect(await Promise.all(before.map((id) => ui.node(id).getAttribute('data-output-shape')))).toEqual(
    shapes,
  );
  await context.close();
});
