// Fresh-user defect 5: an example file imported directly (or a share link made from one) kept its
// overlapping cards, with handles hidden under the next card; only the Examples dialog laid examples out.
// Now any graph opened from a file or a share link whose cards overlap is laid out, as an undo step of
// its own (Undo gives the saved positions back) and the toast says so; a file whose cards do not
// overlap keeps its layout exactly.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clickToolbar, launchBrowser, openApp, poll, SCREENSHOT_DIR } from './helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SPIRALS = readFileSync(resolve(import.meta.dirname, '../../examples/mlp-spirals.json'), 'utf8');

/** Pairs of cards whose boxes overlap on screen. */
function overlapping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((e) => ({
      id: e.dataset.id,
      r: e.getBoundingClientRect(),
    }));
    const out: string[] = [];
    for (let i = 0; i < cards.length; i++)
      for (let j = i + 1; j < cards.length; j++) {
        const a = cards[i].r;
        const b = cards[j].r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          out.push(`${cards[i].id}/${cards[j].id}`);
      }
    return out;
  });
}

/** The node positions as the app saved them (its autosave, written on every change). */
async function positions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  const text = await page.evaluate(() => localStorage.getItem('backprop-studio:autosave:v1'));
  const graph = JSON.parse(text ?? '{}').graph ?? {};
  return Object.fromEntries(
    (graph.nodes ?? []).map((n: { id: string; position: unknown }) => [n.id, n.position]),
  );
}

async function importText(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByTestId('import-json')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('an imported example whose cards overlap is laid out as its own undo step, and the toast says so', async () => {
  const { page, ui, errors, context } = await openApp(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  const firstTitle = await page.getByTestId('graph-title').textContent();
  await importText(page, 'mlp-spirals.json', SPIRALS);
  expect(await ui.toast()).toContain('Opened mlp-spirals.json. Its cards overlapped, so they were laid out');
  await poll(() => page.getByTestId('graph-title').textContent()).toBe('Single hidden layer on two spirals');
  await poll(() => overlapping(page)).toEqual([]);
  // every card's handles are the topmost element at their own centre (none is hidden under a card)
  const hidden = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.react-flow__handle')]
      .filter((h) => {
        const r = h.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !(hit === h || h.contains(hit));
      })
      .map((h) => `${h.closest<HTMLElement>('.react-flow__node')?.dataset.id}:${h.dataset.handlepos}`),
  );
  expect(hidden).toEqual([]);
  await ui.screenshot('import-layout-spirals');
  // Undo: the file's own positions (220 px apart: the cards overlap again); Undo again: the graph before
  await ui.press('Control+z');
  expect(await ui.toast()).toContain('Undid: Auto-layout (overlapping cards)');
  await poll(async () => (await positions(page)).hidden).toEqual({ x: 220, y: 0 });
  await poll(async () => (await overlapping(page)).length).toBeGreaterThan(0);
  await ui.press('Control+z');
  await poll(() => page.getByTestId('graph-title').textContent()).toBe(firstTitle);
  expect(errors).toEqual([]);
  await context.close();
});

test('a file whose cards do not overlap keeps its layout exactly; a share link of an overlapping graph is laid out', async () => {
  const { page, ui, errors, context } = await openApp(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  const spread = JSON.parse(SPIRALS);
  spread.nodes.forEach((n: { position: { x: number; y: number } }, i: number) => {
    n.position = { x: i * 400, y: i * 60 };
  });
  await importText(page, 'spread.json', JSON.stringify(spread));
  expect(await page.getByTestId('toast').locator('.toast-text').textContent()).toBe(
    'Opened spread.json (Undo returns to the previous graph).',
  );
  await poll(async () => (await positions(page)).logits).toEqual({ x: 800, y: 120 });

  // the overlapping file, its layout undone: share that graph as it is
  await importText(page, 'mlp-spirals.json', SPIRALS);
  await poll(() => ui.toast()).toContain('laid out');
  await ui.press('Control+z');
  await poll(async () => (await positions(page)).hidden).toEqual({ x: 220, y: 0 });
  await clickToolbar(page, 'toolbar-share');
  const url = await page.getByTestId('share-url').inputValue();
  await page.keyboard.press('Escape');

  // a student's browser: a context of its own (no autosave of ours)
  const student = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const other = await student.newPage();
  await other.goto(url);
  await other.getByTestId('app').waitFor();
  await poll(() => other.getByTestId('toast').textContent()).toContain(
    'Its cards overlapped, so they were laid out',
  );
  await poll(() => overlapping(other)).toEqual([]);
  await other.screenshot({ path: resolve(SCREENSHOT_DIR, 'import-layout-share-link-opened.png') });
  expect(errors).toEqual([]);
  await student.close();
  await context.close();
});
