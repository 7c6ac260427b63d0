// What training must achieve on the lessons' examples: the single-hidden-layer network separates the
// spirals, and the character LSTM learns to make up name-like strings.
import { describe, expect, it } from 'vitest';
import { NAMES_VOCAB } from '../../engine/data/builtin/text.ts';
import type { Model } from '../../engine/model.ts';
import { Rng } from '../../engine/random.ts';
import { sample } from '../../engine/train/inference.ts';
import { createTrainer } from '../../engine/train/trainer.ts';
import names from '../../engine/data/assets/names.ts';
import { loadExample } from './helpers.ts';

describe('spirals', () => {
  it('the single-hidden-layer MLP example reaches at least 95% training accuracy', async () => {
    const { graph, model, dataset } = await loadExample('mlp-spirals.json');
    const t = createTrainer(graph, dataset, { model, instrumentEvery: Number.POSITIVE_INFINITY });
    while (!t.done) t.step(500);
    expect(t.status).toBe('finished');
    expect(t.evaluate('train')!.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});

/** Bigrams of the real names with "." marking start and end, e.g. ".e", "em", ..., "a.". */
function nameBigrams(): Set<string> {
  const s = new Set<string>();
  for (const n of names.split('\n')) {
    const w = `.${n}.`;
    for (let i = 0; i + 1 < w.length; i++) s.add(w.slice(i, i + 2));
  }
  return s;
}

/** Shares of 40 samples that end with the marker at a name-like length, have a vowel, use real bigrams.
 *  sample() starts each name after the data's end marker and stops when the model writes it, so a
 *  sample shorter than the 16-character cap is a name that ended. */
function judgeSamples(
  model: Model,
  vocab: { vocab?: string[]; tokenizer?: 'char' | 'word'; endToken?: string },
) {
  const rng = new Rng(1);
  const real = nameBigrams();
  let ended = 0;
  let vowels = 0;
  let bigrams = 0;
  let total = 0;
  const samples: string[] = [];
  for (let i = 0; i < 40; i++) {
    const name = sample(model, vocab, '', 16, 0.8, rng);
    samples.push(name);
    const stopped = name.length < 16;
    if (name.length >= 2 && name.length <= 12) ended++;
    if (/[aeiouy]/.test(name)) vowels++;
    const w = `.${name}${stopped ? '.' : ''}`;
    for (let k = 0; k + 1 < w.length; k++, total++) if (real.has(w.slice(k, k + 2))) bigrams++;
  }
  return { ended: ended / 40, vowels: vowels / 40, bigrams: bigrams / total, samples };
}

describe('char LSTM on builtin:names', () => {
  it('samples name-like strings after training, unlike the untrained model', async () => {
    const { graph, model, dataset } = await loadExample('char-lstm-names.json');
    expect(dataset.vocab).toEqual(NAMES_VOCAB);
    const before = judgeSamples(model, dataset);
    const t = createTrainer(graph, dataset, { model, instrumentEvery: Number.POSITIVE_INFINITY });
    while (t.epoch < 3) t.step(50);
    const after = judgeSamples(model, dataset);
    const nameLike = (j: typeof after) => j.ended >= 0.8 && j.vowels >= 0.9 && j.bigrams >= 0.9;
    expect(nameLike(before), `untrained: ${JSON.stringify(before)}`).toBe(false);
    expect(nameLike(after), `trained: ${JSON.stringify(after)}`).toBe(true);
  }, 240_000);
});
