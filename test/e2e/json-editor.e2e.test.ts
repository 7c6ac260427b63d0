// The JSON tab (Monaco) and the canvas are two views of one graph: an edit in either shows in the other,
// and text that is not a valid graph leaves the canvas alone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll } from './helpers.ts';

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
  // Find the digits by text (token spans may not be split yet) and aim at their on-screen box.
  const locate = () =>
    line.evaluate((el, k) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const text = nodes
        .map((n) => n.data)
        .join('')
        .replace(/\u00a0/g, ' ');
      const m = new RegExp(`"${k}": (\\d+)`).exec(text);
      if (!m) return null;
      let at = m.index + m[0].length - m[1].length;
      for (const n of nodes) {
        if (at < n.data.length) {
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, Math.min(n.data.length, at + m[1].length));
          const b = r.getBoundingClientRect();
          return b.width > 0 ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : null;
        }
        at -= n.data.length;
      }
      return null;
    }, key);
  // Monaco lays its lines out after mounting and may re-render them at any moment (tokenizing, resizing),
  // so a box found a moment ago can be gone: find it and double-click it in one retried step, until the
  // editor owns the focus and shows a word selection.
  const selection = page.locator('[data-testid="json-editor"] .monaco-editor.focused .selected-text').first();
  for (let attempt = 1; ; attempt++) {
    let box: { x: number; y: number } | null = null;
    await poll(async () => {
      box = await locate();
      return box;
    }).not.toBeNull();
    const { x, y } = box as unknown as { x: number; y: number };
    await page.mouse.dblclick(x, y);
    try {
      await selection.waitFor({ timeout: 3_000 });
      break;
    } catch (e) {
      if (attempt >= 5) throw new Error(`could not select "${key}" of ${nodeId} in the editor: ${e}`);
    }
  }
  await page.keyboard.type(String(value));
}

test('a param edited in the JSON editor changes the canvas node, and the reverse', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await page.getByTestId('import-json').setInputFiles({
    name: 'tiny.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(SMALL)),
  });
  await poll(() => ui.nodeIds()).toEqual(['in', 'out']);
  await ui.openTab('json');
  await page.getByTestId('json-editor').locator('.view-lines').waitFor();
  await poll(() => editorText(page)).toContain('"units": 3');

  await editNumberInEditor(page, 'out', 'units', 5);
  await poll(() => ui.node('out').getAttribute('data-output-shape')).toBe('[5]');
  expect(await ui.node('out').locator('.layer-node-params').textContent()).toContain('5 units');
  await ui.screenshot('05-json-editor');

  // Canvas -> text: the inspector edit appears in the editor.
  await ui.select('out');
  await ui.setParam('units', 9);
  await poll(() => editorText(page)).toContain('"units": 9');
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
