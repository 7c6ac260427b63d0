// Export then import gives the same graph; a broken file keeps the current graph and says what is wrong.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clickToolbar, launchBrowser, openApp, poll } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function exportGraph(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    clickToolbar(page, 'export-json'),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function importText(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByTestId('import-json')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('export then import gives the same graph', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  // Make the graph the user's own: rename it and change a param.
  await ui.setField('graph-name', 'My names model');
  const first = (await ui.nodeIds())[0];
  await ui.select(first);
  const exported = await exportGraph(page);
  expect(exported.name).toBe('my-names-model.json');
  const doc = JSON.parse(exported.text);
  expect(doc.format).toBe('backprop-studio.graph');
  expect(doc.name).toBe('My names model');
  expect(doc.nodes.map((n: { id: string }) => n.id)).toEqual(await ui.nodeIds());

  await ui.newGraph();
  expect(await ui.nodeIds()).toEqual([]);
  await importText(page, exported.name, exported.text);
  await poll(() => ui.nodeIds()).toEqual(doc.nodes.map((n: { id: string }) => n.id));
  const again = await exportGraph(page);
  expect(JSON.parse(again.text)).toEqual(doc);
  expect(errors).toEqual([]);
  await context.close();
});

test('importing a broken file keeps the current graph and shows what is wrong', async () => {
  const { ui, page, context } = await openApp(browser);
  const before = await ui.nodeIds();
  const bad = JSON.stringify({
    format: 'backprop-studio.graph',
    version: 1,
    name: 'bad',
    nodes: [{ id: 'x', type: 'Conv2D', position: { x: 0, y: 0 }, params: {} }],
    edges: [],
  });
  await importText(page, 'bad.json', bad);
  await poll(() => ui.toast()).toContain('Could not open bad.json');
  const toast = await ui.toast();
  expect(toast).toContain('Could not open bad.json');
  expect(toast).toContain('nodes[0]');
  expect(await page.getByTestId('toast').getAttribute('data-kind')).toBe('error');
  expect(await ui.nodeIds()).toEqual(before);

  await importText(page, 'truncated.json', '{"format": "backprop-studio.graph", "nodes": [');
  await poll(() => ui.toast()).toContain('truncated.json');
  expect(await ui.toast()).toMatch(/line \d+/i);
  expect(await ui.nodeIds()).toEqual(before);
  await context.close();
});

test('a .json dropped on the canvas opens; "New" asks before discarding and Undo brings the graph back', async () => {
  const { ui, page, context } = await openApp(browser);
  const tiny = JSON.stringify({
    format: 'backprop-studio.graph',
    version: 1,
    name: 'Dropped',
    nodes: [
      { id: 'x', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [3] } },
      { id: 'y', type: 'Dense', position: { x: 320, y: 0 }, params: { units: 2 } },
    ],
    edges: [{ id: 'e1', source: 'x', target: 'y' }],
  });
  // A file dropped from the desktop: a DataTransfer carrying a File, dispatched on the canvas.
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, tiny);
  const pane = page.locator('.react-flow__pane');
  await pane.dispatchEvent('dragover', { dataTransfer: transfer });
  await pane.dispatchEvent('drop', { dataTransfer: transfer });
  await poll(() => ui.nodeIds()).toEqual(['x', 'y']);
  expect(await page.getByTestId('graph-title').textContent()).toBe('Dropped');

  await ui.select('y');
  await ui.setParam('units', 4);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await clickToolbar(page, 'toolbar-new');
  await poll(() => asked).toContain('Discard');
  expect(await ui.nodeIds()).toEqual(['x', 'y']);
  page.once('dialog', (d) => void d.accept());
  await clickToolbar(page, 'toolbar-new');
  await poll(() => ui.nodeIds()).toEqual([]);
  await ui.press('Control+z');
  await poll(() => ui.nodeIds()).toEqual(['x', 'y']);
  await context.close();
});

test('the examples gallery lists the examples and opens the seed classifier (1,136,641 params), undoably', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await page.getByTestId('toolbar-examples').click();
  const items = page.locator('[data-testid^="example-"]');
  const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(ids).toContain('example-seed-imdb-bilstm');
  await page.getByTestId('example-seed-imdb-bilstm').click();
  await page.getByTestId('examples').waitFor({ state: 'detached' });
  await poll(() => ui.summaryTotal()).toBe('1,136,641');
  // Opening an example is one undo step away from the graph before it.
  await ui.press('Control+z');
  await poll(() => page.getByTestId('graph-title').textContent()).not.toBe("Spam classifier: the lecture's BiLSTM");
  expect(errors).toEqual([]);
  await context.close();
});
