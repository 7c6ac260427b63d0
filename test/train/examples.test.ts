// Every example graph is a fixture: it loads, its dataset fits, and a few steps of its own training
// settings make the loss fall (mean of the first steps against mean of the last steps).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mean } from '../../engine/train/metrics.ts';
import { createTrainer } from '../../engine/train/trainer.ts';
import { loadExample } from './helpers.ts';

const names = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));

// Steps per example: the large text models cost ~1 s per step on this machine, so they get fewer.
// The LSTM on recall sits on the ln 4 plateau for its first ~70 steps (see docs/training.md), so it gets 120.
const STEPS: Record<string, number> = { 'seed-imdb-bilstm.json': 12, 'vanishing-lstm-recall.json': 120 };

describe('example graphs train and their loss falls', () => {
  it('there are examples', () => {
    expect(names.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of names) {
    it(name, async () => {
      const { graph, model, dataset } = await loadExample(name);
      const t = createTrainer(graph, dataset, { model, instrumentEvery: Number.POSITIVE_INFINITY });
      const steps = STEPS[name] ?? 40;
      const losses: number[] = [];
      while (losses.length < steps && !t.done) losses.push(...t.step(1).losses);
      expect(t.status).not.toBe('diverged');
      const k = Math.max(3, Math.floor(steps / 5));
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(mean(losses.slice(-k))).toBeLessThan(mean(losses.slice(0, k)));
    }, 180_000);
  }
});
