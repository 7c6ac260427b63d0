// Text a fresh-user tester found cut off at 1280x720, each checked where the user met it: the training
// numbers beside an open lesson, the Challenge dialog's goal and lock fields, and the graph (cards and
// the shape and gradient chips over them) when presenter mode or a folded panel resizes the canvas.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll, type Ui } from './helpers.ts';
import { openExample, openTrainingTab, waitForPhase, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function app(): Promise<{ page: Page; ui: Ui; errors: string[]; close: () => Promise<void> }> {
  const { page, ui, errors, context } = await openApp(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  return { page, ui, errors, close: () => context.close() };
}

/** Elements under `selector` that stick out past the right edge of `within` (text cut off there). */
function cutOffRight(page: Page, selector: string, within: string): Promise<string[]> {
  return page.evaluate(
    ([sel, box]) => {
      const edge = document.querySelector(box)!.getBoundingClientRect().right;
      return [...document.querySelectorAll<HTMLElement>(sel)]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.right > edge + 0.5;
        })
        .map((e) => `${e.dataset.testid ?? e.className}: ${(e.textContent ?? '').slice(0, 40)}`);
    },
    [selector, within] as const,
  );
}

test('beside an open lesson, the training numbers, runs, replay buttons and data text fit the panel', async () => {
  const { page, ui, errors, close } = await app();
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('lesson-vanishing-gradients').click();
  await page.getByTestId('lesson-player').waitFor();
  await openTrainingTab(page);
  // one short epoch (57 steps): numbers, the workers badge, the run row and the replay bar all show
  await ui.setField('train-epochs', 1);
  await page.getByTestId('train-start').click();
  await waitForPhase(page, 'finished');
  for (const id of ['train-workers', 'replay-live', 'train-data-info']) await page.getByTestId(id).waitFor();
  expect(await cutOffRight(page, '.training-tab *', '.tab-body')).toEqual([]);
  // nothing scrolls sideways either: the tab is no wider than its panel
  const m = await page.evaluate(() => {
    const body = document.querySelector<HTMLElement>('.tab-body')!;
    return { scroll: body.scrollWidth, client: body.clientWidth };
  });
  expect(m.scroll).toBeLessThanOrEqual(m.client);
  // the step line with its workers badge reads whole
  expect(await page.locator('.run-numbers .metric').first().innerText()).toMatch(/· 1 worker|· both cores/);
  await ui.screenshot('fit-1280-lesson-training');
  expect(errors).toEqual([]);
  await close();
});

test('the Challenge dialog shows its goal metric and the lock placeholders whole', async () => {
  const { page, ui, errors, close } = await app();
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('lesson-language-model').click();
  await page.getByTestId('lesson-player').waitFor();
  await page.getByTestId('lessons-menu').click();
  await page.getByTestId('challenge-edit').click();
  await page.getByTestId('challenge-dialog').waitFor();
  // a select's chosen text and an input's placeholder are cut when the control is narrower than its text:
  // measure the text in the control's own font against the control's inner width
  const cut = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const controls = [
      ...document.querySelectorAll<HTMLInputElement>('[data-testid^="challenge-lock-params-"]'),
      document.querySelector<HTMLSelectElement>('[data-testid="challenge-goal-metric"]')!,
    ];
    return controls
      .map((c) => {
        const cs = getComputedStyle(c);
        ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const text = c instanceof HTMLSelectElement ? c.selectedOptions[0].text : c.placeholder;
        const pad = Number.parseFloat(cs.paddingLeft) + Number.parseFloat(cs.paddingRight);
        // a select also draws its arrow (about 20 px) inside the box
        const room = c.clientWidth - pad - (c instanceof HTMLSelectElement ? 20 : 0);
        return { id: c.dataset.testid, text, need: Math.ceil(ctx.measureText(text).width), room };
      })
      .filter((x) => x.need > x.room);
  });
  expect(await page.locator('[data-testid^="challenge-lock-params-"]').count()).toBe(5);
  expect(cut).toEqual([]);
  // the other goal choice fits too
  await page.getByTestId('challenge-goal-on').check();
  await page.getByTestId('challenge-goal-metric').selectOption('accuracy');
  const box = (await page.getByTestId('challenge-goal-metric').boundingBox())!;
  const dialog = (await page.getByTestId('challenge-dialog').boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(dialog.x + dialog.width);
  await page.getByTestId('challenge-goal-metric').selectOption('valAccuracy');
  await ui.screenshot('fit-1280-challenge');
  expect(errors).toEqual([]);
  await close();
});

/** Cards and edge chips (shape labels, gradient chips) not wholly inside the visible canvas. */
function outsideCanvas(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    const items = document.querySelectorAll<HTMLElement>(
      '.react-flow__node, [data-testid^="edge-label-"], .edge-overlay-label',
    );
    return [...items]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return (
          r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5 || r.left < c.left - 0.5 || r.right > c.right + 0.5
        );
      })
      .map((e) => e.dataset.testid ?? e.dataset.id ?? e.className);
  });
}

/** Whether the cards are centred across the canvas (within 24 px) and span >= 60 % of its width or
 *  height: what a fit looks like (a view kept from another canvas size is off to a side or a corner). */
function fitted(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    const rs = [...document.querySelectorAll('.react-flow__node')].map((e) => e.getBoundingClientRect());
    const left = Math.min(...rs.map((r) => r.left));
    const right = Math.max(...rs.map((r) => r.right));
    const top = Math.min(...rs.map((r) => r.top));
    const bottom = Math.max(...rs.map((r) => r.bottom));
    const centred = Math.abs(left - c.left - (c.right - right)) < 24;
    const fills = right - left >= 0.6 * c.width || bottom - top >= 0.6 * c.height;
    return centred && fills;
  });
}

test('presenter mode on and off, and a folded palette, refit the graph: cards and chips stay in view', async () => {
  const { page, ui, errors, close } = await app();
  await openExample(page, 'char-lstm-names');
  await openTrainingTab(page);
  // two steps: the gradient chips join the shape labels over the cards, the LSTM card grows its strip
  await page.getByTestId('train-step').click();
  await waitForStep(page, 1);
  await page.getByTestId('train-step').click();
  await waitForStep(page, 2);
  await page.locator('.edge-overlay-label').first().waitFor();
  await page.getByTestId('presenter-toggle').click();
  await poll(() => page.getByTestId('app').getAttribute('data-presenter')).toBe('true');
  await poll(() => outsideCanvas(page)).toEqual([]);
  // and it is a fit, not just inside: the cards are centred across and fill the width or the height
  await poll(() => fitted(page)).toBe(true);
  await ui.screenshot('fit-1280-presenter-on');
  await page.getByTestId('presenter-toggle').click();
  await poll(() => page.getByTestId('app').getAttribute('data-presenter')).toBe('false');
  await page.getByTestId('panel-inspector').waitFor();
  await poll(() => outsideCanvas(page)).toEqual([]);
  await poll(() => fitted(page)).toBe(true);
  await ui.screenshot('fit-1280-presenter-off');
  // the palette folds to its rail: the wider canvas fits the graph again (zoom grows)
  const zoomOf = () =>
    page.evaluate(
      () => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a,
    );
  const before = await zoomOf();
  await page.getByTestId('collapse-palette').click();
  await page.getByTestId('expand-palette').waitFor();
  await poll(zoomOf).toBeGreaterThan(before + 0.01);
  await poll(() => outsideCanvas(page)).toEqual([]);
  await poll(() => fitted(page)).toBe(true);
  expect(errors).toEqual([]);
  await close();
});
