// Presenter mode and the layout on a lecture-hall projector (issue 11): at 1280x720 with presenter mode on
// and each example fitted, every card title renders at >= 12 px (computed font size x canvas zoom), no edge
// label box overlaps a card (also once the gradient chips are on), and the loss chart's plot is >= 400 px
// wide. At 125 % and 150 % browser zoom (a 1280x720 screen at device scale 1.25 / 1.5) no panel is 0 wide.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseUrl, launchBrowser, Ui } from './helpers.ts';
import { openExample, openTrainingTab, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const EXAMPLES = readdirSync(resolve(import.meta.dirname, '../../examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

/** Opens the app in a fresh context of this CSS viewport and device scale. */
async function openAt(width: number, height: number, deviceScaleFactor = 1) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl());
  await page.getByTestId('app').waitFor();
  return { context, page, ui: new Ui(page), errors };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a person at the back row sees: the canvas zoom, each title's on-screen px, cards and labels. */
async function canvasFacts(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-testid') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const vp = document.querySelector('.react-flow__viewport');
    const zoom = vp ? new DOMMatrix(getComputedStyle(vp).transform).a : Number.NaN;
    const px = (sel: string) =>
      [...document.querySelectorAll(sel)].map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom);
    return {
      zoom,
      titles: px('.layer-node-type'),
      shapes: px('.layer-node-shape'),
      chips: px('.edge-label, .edge-overlay-label, .layer-node .badge'),
      cards: [...document.querySelectorAll('.react-flow__node')].map(box),
      labels: [...document.querySelectorAll('[data-testid^="edge-label-"]')].map(box),
    };
  });
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function expectReadable(page: Page, example: string): Promise<void> {
  const f = await canvasFacts(page);
  expect(f.titles.length, example).toBeGreaterThan(0);
  for (const px of [...f.titles, ...f.shapes])
    expect(px, `${example} at zoom ${f.zoom}`).toBeGreaterThanOrEqual(12);
  for (const label of f.labels) {
    for (const card of f.cards)
      expect(overlaps(label, card), `${example}: ${label.id} under a card`).toBe(false);
  }
}

test('presenter mode at 1280x720: every example fitted is readable, labels clear of cards, chart >= 400 px', async () => {
  const { context, page, ui, errors } = await openAt(1280, 720);
  await ui.press('p');
  const app = page.getByTestId('app');
  await expect.poll(() => app.getAttribute('data-presenter')).toBe('true');
  expect(await page.getByTestId('panel-palette').count()).toBe(0);
  expect(await page.getByTestId('panel-inspector').count()).toBe(0);
  expect(await page.locator('.react-flow__minimap').count()).toBe(0);
  for (const example of EXAMPLES) {
    await openExample(page, example);
    await ui.settle();
    await expectReadable(page, example);
  }
  // With gradient chips on the edges (one step of the small MLP) labels are larger: still off the cards.
  await openExample(page, 'mlp-spirals');
  await ui.settle();
  await openTrainingTab(page);
  await page.getByTestId('train-step').click();
  await waitForStep(page, 1);
  await page.locator('.edge-overlay-label').first().waitFor();
  await ui.settle();
  await expectReadable(page, 'mlp-spirals after a step');
  const plot = await page.getByTestId('loss-chart').locator('.u-over').boundingBox();
  expect(plot?.width ?? 0).toBeGreaterThanOrEqual(400);
  const panel = await page.getByTestId('panel-bottom').boundingBox();
  const chart = await page.getByTestId('loss-chart').boundingBox();
  expect(chart?.width ?? 0).toBeGreaterThanOrEqual(0.5 * (panel?.width ?? Infinity));
  await ui.screenshot('presenter-1280x720');
  // P again: back to the normal workspace with both side panels.
  await ui.press('p');
  await expect.poll(() => app.getAttribute('data-presenter')).toBe('false');
  await page.getByTestId('panel-palette').waitFor();
  await page.getByTestId('panel-inspector').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('the normal layout at 1280x720 gives the loss chart half the bottom panel and >= 400 px', async () => {
  const { context, page, errors } = await openAt(1280, 720);
  await openTrainingTab(page);
  const panel = await page.getByTestId('panel-bottom').boundingBox();
  const chart = await page.getByTestId('loss-chart').boundingBox();
  expect(chart?.width ?? 0).toBeGreaterThanOrEqual(400);
  expect(chart?.width ?? 0).toBeGreaterThanOrEqual(0.5 * (panel?.width ?? Infinity) - 12);
  expect(errors).toEqual([]);
  await context.close();
});

test('side panels collapse to a rail and come back; a collapsed panel is never 0 wide', async () => {
  const { context, page, errors } = await openAt(1280, 720);
  await page.getByTestId('collapse-palette').click();
  await page.getByTestId('expand-palette').waitFor();
  expect((await page.getByTestId('panel-palette').boundingBox())?.width ?? 0).toBeGreaterThan(20);
  await page.getByTestId('expand-palette').click();
  await page.getByTestId('palette-Dense').waitFor();
  expect((await page.getByTestId('panel-palette').boundingBox())?.width ?? 0).toBeGreaterThan(140);
  expect(errors).toEqual([]);
  await context.close();
});

// Browser zoom on a 1280x720 screen (CSS viewport 1280/scale x 720/scale), and a 1280x720 CSS viewport
// at that device scale factor (a high-density screen).
const SCALES = [1.25, 1.5].flatMap((scale) => [
  { scale, width: Math.round(1280 / scale), height: Math.round(720 / scale), what: 'browser zoom' },
  { scale, width: 1280, height: 720, what: 'device scale' },
]);

for (const { scale, width, height, what } of SCALES) {
  test(`at ${scale * 100}% ${what} (${width}x${height} CSS px) no panel has zero width, presenter or not`, async () => {
    const { context, page, ui, errors } = await openAt(width, height, scale);
    await openTrainingTab(page);
    for (const presenter of [false, true]) {
      if (presenter) await ui.press('p');
      await expect.poll(() => page.getByTestId('app').getAttribute('data-presenter')).toBe(String(presenter));
      const widths = await page.evaluate(() =>
        [
          ...document.querySelectorAll('[data-panel], [data-testid="loss-chart"], [data-testid="canvas"]'),
        ].map((e) => [e.id || e.getAttribute('data-testid'), e.getBoundingClientRect().width] as const),
      );
      expect(widths.length).toBeGreaterThanOrEqual(presenter ? 3 : 5);
      for (const [id, w] of widths) expect(w, `${id} at ${scale}`).toBeGreaterThan(30);
      const plot = await page.getByTestId('loss-chart').locator('.u-over').boundingBox();
      expect(plot?.width ?? 0).toBeGreaterThan(100);
      await ui.screenshot(`layout-${scale * 100}pct-${width}-${presenter ? 'presenter' : 'normal'}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
}
