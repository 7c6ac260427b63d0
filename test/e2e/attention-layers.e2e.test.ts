// The attention-era layers in the browser: a student builds an attention classifier from the palette
// (PositionalEmbedding, SelfAttention, LayerNorm, Dropout), sees shapes and Keras counts on the cards
// and in the summary; the attention recall example trains in the worker, its loss falls and the
// SelfAttention node shows the per-position gradient view the recurrent nodes show.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clickToolbar, launchBrowser, openApp, poll } from './helpers.ts';
import {
  chartLoss,
  openExample,
  openTrainingTab,
  pause,
  waitForStep,
  trainLong,
} from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('build an attention classifier from the palette: shapes and Keras parameter counts', async () => {
  const { ui, page, errors, context } = await openApp(browser, { empty: true });
  for (const type of ['Dropout', 'LayerNorm', 'SelfAttention', 'PositionalEmbedding']) {
    await page.getByTestId(`palette-${type}`).waitFor();
  }
  await ui.dragFromPalette('Input', { x: 60, y: 50 });
  await ui.setParam('shape', '30');
  await ui.setParam('dtype', 'int32');
  // Enter on a palette item adds the layer after the selected node and wires it
  const add = async (type: string) => {
    await page.getByTestId(`palette-${type}`).focus();
    await page.keyboard.press('Enter');
  };
  await add('Embedding');
  await ui.setParam('vocabSize', 8);
  await ui.setParam('dim', 16);
  await add('PositionalEmbedding');
  await add('SelfAttention');
  await ui.setParam('units', 32);
  await ui.setParam('causal', true);
  await ui.setParam('returnSequences', false);
  await add('LayerNorm');
  await add('Dropout');
  await ui.setParam('rate', 0.2);
  await add('Dense');
  await ui.setParam('units', 4);
  await add('Softmax');
  await poll(() => ui.edgeIds()).toHaveLength(7);
  const shape = (id: string) => ui.node(id).getAttribute('data-output-shape');
  const params = (id: string) => ui.node(id).getAttribute('data-param-count');
  await poll(() => shape('softmax1')).toBe('[4]');
  expect(await shape('positionalembedding1')).toBe('[30, 16]');
  expect(await shape('selfattention1')).toBe('[32]');
  expect(await params('positionalembedding1')).toBe('480'); // 30 positions x 16
  expect(await params('selfattention1')).toBe('2688'); // 3 x (16 x 32 + 32) + 32 x 32 + 32
  expect(await params('layernorm1')).toBe('64'); // gamma and beta
  expect(await params('dropout1')).toBe('0');
  expect(await ui.node('selfattention1').textContent()).toContain('causal');
  expect(await ui.node('dropout1').textContent()).toContain('rate 0.2');
  // 128 + 480 + 2,688 + 64 + 0 + 132
  await poll(() => ui.summaryTotal()).toBe('3,492');
  await clickToolbar(page, 'toolbar-fit');
  await ui.settle();
  await ui.screenshot('attention-built');
  expect(errors).toEqual([]);
  await context.close();
});

test('the attention recall example trains and shows per-position gradients', async () => {
  const { page, ui, context, errors } = await openApp(browser);
  await openExample(page, 'attention-recall');
  await openTrainingTab(page);
  await trainLong(page); // paused below: the run must not end first
  await page.getByTestId('train-start').click();
  await waitForStep(page, 3);
  const early = await chartLoss(page);
  expect(Number.isFinite(early)).toBe(true);
  await waitForStep(page, 60);
  expect(await chartLoss(page)).toBeLessThan(0.9 * early);
  const view = page.getByTestId('timestep-grads-att');
  await view.waitFor();
  expect(Number(await view.getAttribute('data-steps'))).toBe(30);
  await ui.screenshot('attention-training');
  await pause(page);
  expect(errors).toEqual([]);
  await context.close();
});
