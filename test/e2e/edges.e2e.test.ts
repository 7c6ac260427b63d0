// Edges as node editors handle them: drag an edge's end to another layer to move it, drop it on empty
// canvas to remove it (undoable); a move that would be refused says why.
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

const GRAPH = {
  format: 'backprop-studio.graph',
  version: 1,
  name: 'Edges',
  nodes: [
    { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [4] } },
    { id: 'a', type: 'Dense', position: { x: 320, y: 0 }, params: { units: 3 } },
    { id: 'b', type: 'Dense', position: { x: 320, y: 200 }, params: { units: 5 } },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'a' }],
};

test('dragging an edge end moves it; dropping it on empty canvas removes it', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await page.getByTestId('import-json').setInputFiles({
    name: 'edges.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(GRAPH)),
  });
  await poll(() => ui.nodeIds()).toEqual(['in', 'a', 'b']);
  await poll(() => ui.edgeIds()).toEqual(['e1']);
  await ui.settle();

  // The edge's movable end is a small circle on the target handle; grab its left part, outside the card.
  const grabEnd = async () => {
    const c = (await page.locator('.react-flow__edgeupdater-target').boundingBox())!;
    await page.mouse.move(c.x + 2, c.y + c.height / 2);
    await page.mouse.down();
  };

  await grabEnd();
  const to = (await page.getByTestId('handle-in-b').boundingBox())!;
  await page.mouse.move(to.x + 20, to.y + 40, { steps: 6 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  await poll(() => ui.node('b').getAttribute('data-output-shape')).toBe('[5]');
  expect(await ui.node('a').getAttribute('data-output-shape')).toBe('?');
  expect(await ui.edgeIds()).toEqual(['e1']);

  await grabEnd();
  await page.mouse.move(to.x + 150, to.y + 180, { steps: 8 });
  await page.mouse.up();
  await poll(() => ui.edgeIds()).toEqual([]);
  await ui.press('Control+z');
  await poll(() => ui.edgeIds()).toEqual(['e1']);
  expect(errors).toEqual([]);
  await context.close();
});

test('a clicked connection shows what it carries in the inspector and can be deleted there', async () => {
  const { ui, page, context } = await openApp(browser);
  await page.getByTestId('import-json').setInputFiles({
    name: 'edges.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(GRAPH)),
  });
  await poll(() => ui.edgeIds()).toEqual(['e1']);
  await ui.settle();
  // Click the wire a quarter of the way along (its middle is under the shape label).
  const a = (await page.getByTestId('handle-out-in').boundingBox())!;
  const b = (await page.getByTestId('handle-in-a').boundingBox())!;
  await page.mouse.click(a.x + a.width + (b.x - a.x - a.width) * 0.25, a.y + a.height / 2);
  const section = page.getByTestId('inspector-edge');
  await section.waitFor();
  expect((await section.textContent())?.replace(/\s+/g, ' ')).toContain('in → a carries [4]');
  await page.getByTestId('inspector-edge-delete').click();
  await poll(() => ui.edgeIds()).toEqual([]);
  await ui.press('Control+z');
  await poll(() => ui.edgeIds()).toEqual(['e1']);
  await context.close();
});
