// Every example graph is a fixture: it loads, its dataset fits, and a few updates with its own
// training settings lower the loss on a fixed sample of rows (the same rows before and after, so
// mini-batch noise cannot fake a fall).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../engine/data/types.ts';
import type { Model } from '../../engine/model.ts';
import { gatherRows } from '../../engine/train/batching.ts';
import { accumulate, emptySums, finish } from '../../engine/train/metrics.ts';
import { createTrainer } from '../../engine/train/trainer.ts';
import { allocArray, type Tensor } from '../../engine/tensor.ts';
import { loadExample } from './helpers.ts';

const names = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));

// Updates per example. The LSTM on recall sits on the ln 4 plateau for its first ~70 updates (see
// docs/training.md); the IMDb BiLSTM costs seconds per update, so it gets a handful.
const STEPS: Record<string, number> = { 'seed-imdb-bilstm.json': 6, 'vanishing-lstm-recall.json': 120 };

/** The first `n` rows of the dataset, spread over it (every k-th row), in the model's dtype. */
function fixedSample(model: Model, d: Dataset, n: number): { x: Tensor; y: Tensor } {
  const total = d.x.shape[0];
  const m = Math.min(n, total);
  const rows = Array.from({ length: m }, (_, i) => Math.floor((i * total) / m));
  const take = (t: Tensor): Tensor => {
    const out = {
      shape: [m, ...t.shape.slice(1)],
      data: allocArray(model.dtype, (t.data.length / total) * m),
    };
    gatherRows(t, rows, 0, m, out);
    return out;
  };
  return { x: take(d.x), y: take(d.y) };
}

function lossOn(model: Model, s: { x: Tensor; y: Tensor }): number {
  const sums = emptySums();
  accumulate(sums, model.loss, model.forward(s.x), s.y);
  return finish(sums, model.loss, false).loss;
}

describe('example graphs train and their loss falls', () => {
  it('there are examples', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of names) {
    it(name, async () => {
      const { graph, model, dataset } = await loadExample(name);
      const sample = fixedSample(model, dataset, 64);
      const before = lossOn(model, sample);
      const t = createTrainer(graph, dataset, { model, instrumentEvery: Number.POSITIVE_INFINITY });
      const steps = STEPS[name] ?? 40;
      while (t.stepCount < steps && !t.done) t.step(1);
      expect(t.status).not.toBe('diverged');
      const after = lossOn(model, sample);
      expect(Number.isFinite(before)).toBe(true);
      expect(after).toBeLessThan(before);
    }, 240_000);
  }
});
