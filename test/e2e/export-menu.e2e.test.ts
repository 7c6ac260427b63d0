// The Export menu as a student uses it: each item downloads its file (code that is the CLI's, the
// trained weights as safetensors, the dataset as a .tar of the export-data folder), and the three
// downloads continue training in PyTorch with the engine's first-batch loss; Load weights
// takes back the downloaded file and refuses a file of another graph, naming the tensor, graph kept.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadDataset } from '../../engine/data/index.ts';
import { exportGraph } from '../../engine/export/index.ts';
import { compileModel } from '../../engine/model.ts';
import { BatchSource } from '../../engine/train/batching.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';
import { trainValSplit } from '../../engine/train/trainer.ts';
import type { WeightsFile } from '../../engine/types.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { decodeSafetensors, encodeSafetensors } from '../../engine/train/safetensors.ts';
import { launchBrowser, openApp } from './helpers.ts';
import { openExample, waitForStep } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The engine's loss on the first training batch (rows in file order) of the graph's own data. */
async function engineFirstLoss(graph: Graph, weights: WeightsFile): Promise<number> {
  const model = compileModel(graph);
  model.setWeights(weights);
  const cfg = graph.training!;
  const ds = await loadDataset(
    { id: cfg.dataset.id, options: { seed: cfg.seed, ...cfg.dataset.options } },
    inputSpecOf(model),
  );
  const rows = trainValSplit(ds.x.shape[0], cfg, cfg.seed).train;
  const b = new BatchSource(ds.x, ds.y, rows, cfg.batchSize, model.dtype).batch(0);
  return model.lossAndGrads(b.x, b.y, { instrument: false }).loss;
}

/** Clicks a menu item and returns the download's file name and bytes. */
async function download(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-menu').click();
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId(item).click(),
  ]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

test('the Export menu downloads code, weights and data; Load weights takes them back and refuses a mismatch', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await openExample(page, 'mlp-spirals');

  const py = await download(page, 'export-pytorch');
  expect(py.name).toMatch(/\.py$/);
  const graph = JSON.parse(readFileSync(new URL('../../examples/mlp-spirals.json', import.meta.url), 'utf8'));
  const cli = exportGraph(graph, 'pytorch');
  expect(cli.ok && py.bytes.toString('utf8')).toBe(cli.ok && cli.code);
  const keras = await download(page, 'export-keras');
  expect(keras.name).toMatch(/_keras\.py$/);
  expect(keras.bytes.toString('utf8')).toContain('keras');

  // train a few steps, then the weights download is the trained model
  for (let k = 1; k <= 3; k++) {
    await page.getByTestId('train-step').click();
    await waitForStep(page, k);
  }
  const w = await download(page, 'export-weights');
  expect(w.name).toMatch(/\.safetensors$/);
  const parsed = decodeSafetensors(new Uint8Array(w.bytes));
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(Object.keys(parsed.weights.tensors).sort()).toEqual([
    'hidden.W',
    'hidden.b',
    'logits.W',
    'logits.b',
  ]);

  const data = await download(page, 'export-data');
  expect(data.name).toMatch(/-data\.tar$/);
  const listing = data.bytes.toString('latin1');
  for (const f of ['train_x.npy', 'val_y.npy', 'manifest.json', 'README.md']) expect(listing).toContain(f);

  // ...and the downloads continue training in PyTorch: same first-batch loss as the engine on those weights
  const work = mkdtempSync(join(tmpdir(), 'bps-menu-'));
  for (const f of [py, w, data]) writeFileSync(join(work, f.name), f.bytes);
  const run = spawnSync(
    '/usr/bin/python3',
    [join(work, py.name), 'train', '--data', join(work, data.name), '--weights', join(work, w.name)].concat([
      '--epochs',
      '1',
      '--max-steps',
      '2',
      '--no-shuffle',
      '--log-steps',
      '--json',
    ]),
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  const first = JSON.parse(run.stdout.split('\n')[0]).batchLoss as number;
  expect(Math.abs(first - (await engineFirstLoss(graph, parsed.weights))) / first).toBeLessThan(1e-5);

  // Load weights: the file just downloaded loads
  await page
    .getByTestId('load-weights-input')
    .setInputFiles({ name: w.name, mimeType: 'application/octet-stream', buffer: w.bytes });
  expect(await ui.toast()).toContain(`Loaded 4 tensors from ${w.name}`);
  await page.getByTestId('toast-close').click();

  // a file for another graph is refused, naming the tensor; the graph stays
  const before = await ui.nodeIds();
  const wrong = structuredClone(parsed.weights);
  wrong.tensors['hidden.W'] = { shape: [3, 2], data: [1, 2, 3, 4, 5, 6] };
  await page.getByTestId('load-weights-input').setInputFiles({
    name: 'other.safetensors',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(encodeSafetensors(wrong)),
  });
  const t = await ui.toast();
  expect(t).toContain('Could not load other.safetensors');
  expect(t).toMatch(/"hidden\.W" has shape \[3, 2\]/);
  expect(await ui.nodeIds()).toEqual(before);
  await page.getByTestId('toast-close').click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('export-menu').click();
  await ui.screenshot('export-menu');
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);

test('Import Keras model: the lecture model opens (length asked), an unsupported layer is refused by name', async () => {
  const { ui, page, context, errors } = await openApp(browser);
  await openExample(page, 'mlp-spirals');
  const keras = readFileSync(new URL('../import/keras/imdb-functional-keras3.json', import.meta.url));
  page.once('dialog', (d) => void d.accept('200'));
  await page
    .getByTestId('import-keras-input')
    .setInputFiles({ name: 'imdb.json', mimeType: 'application/json', buffer: keras });
  expect(await ui.toast()).toContain('Imported the Keras model imdb.json');
  await page.getByTestId('toast-close').click();
  expect(await ui.nodeIds()).toEqual([
    'input_layer',
    'embedding',
    'bidirectional',
    'bidirectional_1',
    'dense',
  ]);
  expect(await ui.summaryTotal()).toContain('2,757,761');

  const conv = {
    class_name: 'Sequential',
    config: {
      name: 'cnn',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 10, 4], name: 'in' } },
        { class_name: 'Conv1D', config: { name: 'conv', filters: 8, kernel_size: 3 } },
      ],
    },
  };
  await page.getByTestId('import-keras-input').setInputFiles({
    name: 'cnn.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(conv)),
  });
  const t = await ui.toast();
  expect(t).toContain('Could not import cnn.json; your graph is unchanged.');
  expect(t).toContain('layer "conv" (Conv1D) is not supported');
  expect(await ui.nodeIds()).toEqual([
    'input_layer',
    'embedding',
    'bidirectional',
    'bidirectional_1',
    'dense',
  ]);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
