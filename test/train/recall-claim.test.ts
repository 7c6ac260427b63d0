// The classroom claim of the vanishing-gradient lesson, measured on builtin:recall (the label is the
// first of T tokens; the examples ship T = 50) with the example graphs: Embedding(8, 16) -> RNN(32) or LSTM(32) -> Dense(4)
// -> Softmax, Adam (lr 0.003), batch 32, the same seed and data. docs/training.md has the grid of
// measurements behind every number here; docs/lesson-vanishing.md explains the mechanism.
//
// Two initializations, two findings, both pinned:
// - Keras defaults (orthogonal W_hh, LSTM forget bias 1): NOT the textbook picture. The orthogonal
//   recurrent kernel is itself a cure for vanishing gradients, so the RNN's dL/dh_1 keeps its norm and
//   it learns fast; the LSTM's gradient shrinks like its forget gate, sigmoid(1)^29 = 0.73^29 ~ 1e-4.
// - The examples as shipped: PyTorch's defaults (uniform +-1/sqrt(H) recurrent and output weights,
//   variance-1 embeddings) for both, and the LSTM's forget bias by the chrono rule, ln(T - 1). Then
//   the RNN's step Jacobian contracts (spectral radius of W_hh about 1/sqrt(3) = 0.58, 0.58^29 ~ 1e-7)
//   while the LSTM's cell keeps (1 - 1/T)^(T-1) ~ 1/e of its gradient: the lecture's picture.
import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../engine/train/trainer.ts';
import { type ExampleDoc, loadExample } from './helpers.ts';

const BUDGET = 300; // optimizer updates, the same for both models
const T = 50; // the examples' length
type Kind = 'rnn' | 'lstm';
type Edit = (d: ExampleDoc) => void;

/** Keras defaults: no init overrides (glorot, orthogonal, Embedding +-0.05) and forget bias 1. */
const keras: Edit = (d) => {
  for (const n of d.nodes) delete n.params.init;
  if (d.nodes[2].type === 'LSTM') d.nodes[2].params.forgetBias = 1;
};

/** Applies the edits in order. */
const all =
  (...edits: Edit[]): Edit =>
  (d) => {
    for (const e of edits) e(d);
  };

const withSeed =
  (seed: number): Edit =>
  (d) => {
    d.training.seed = seed;
  };

/** Per-time-step gradient norms ||dL/dh_t|| (t = 1..length) of the recurrent node at initialization. */
async function initialTimestepNorms(kind: Kind, edit: Edit = () => {}, length = T) {
  const { graph, model, dataset } = await loadExample(`vanishing-${kind}-recall.json`, edit);
  const t = createTrainer(graph, dataset, { model });
  const norms = t.step(1).gradients?.timesteps.rec;
  if (!norms) throw new Error('no time-step gradient norms were reported for node rec');
  expect(norms).toHaveLength(length);
  return norms;
}

/** Validation accuracy after `budget` updates (or at the end of the graph's epochs, if sooner). */
async function accuracyAfterBudget(kind: Kind, edit: Edit = () => {}, budget = BUDGET): Promise<number> {
  const { graph, model, dataset } = await loadExample(`vanishing-${kind}-recall.json`, edit);
  const t = createTrainer(graph, dataset, { model, instrumentEvery: Number.POSITIVE_INFINITY });
  while (t.stepCount < budget && !t.done) t.step(Math.min(50, budget - t.stepCount));
  return t.evaluate()!.accuracy!;
}

/** The lesson's length control: T tokens, and the LSTM's forget bias by the chrono rule ln(T - 1). */
const atLength =
  (length: number): Edit =>
  (d) => {
    d.nodes[0].params.shape = [length];
    d.training.dataset.options.length = length;
    if (d.nodes[2].type === 'LSTM') d.nodes[2].params.forgetBias = Math.log(length - 1);
  };

/** The examples as they shipped before: T = 30 and 30 epochs (1,710 updates). The Keras findings were
 *  measured there. */
const at30: Edit = (d) => {
  atLength(30)(d);
  d.training.epochs = 30;
};
const T30 = 30;

describe('vanishing gradients on builtin:recall, T = 30, Keras defaults', () => {
  it('Keras init: the RNN gradient at t=1 does not vanish; the LSTM one falls like the forget gate 0.73^29', async () => {
    const rnn = await initialTimestepNorms('rnn', all(at30, keras), T30);
    const lstm = await initialTimestepNorms('lstm', all(at30, keras), T30);
    // orthogonal W_hh in tanh's linear range keeps the norm within an order of magnitude
    expect(rnn[0] / rnn[T30 - 1]).toBeGreaterThan(0.1);
    // 0.73^29 is about 1e-4: at least two orders of magnitude of decay
    expect(lstm[0] / lstm[T30 - 1]).toBeLessThan(1e-2);
    expect(rnn[0]).toBeGreaterThan(100 * lstm[0]);
  });

  it('contracting init (uniform +-1/sqrt(32) for both): the RNN t=1 norm is orders of magnitude below the LSTM one', async () => {
    const uniform: Edit = (d) => {
      d.nodes[2].params.init = { kernel: 'uniform', recurrent: 'uniform', scale: 1 / Math.sqrt(32) };
    };
    const rnn = await initialTimestepNorms('rnn', all(at30, keras, uniform), T30);
    const lstm = await initialTimestepNorms('lstm', all(at30, keras, uniform), T30);
    // W_hh has spectral radius about sqrt(32 * scale^2 / 3) = 0.58: 0.58^29 is about 1e-7
    expect(rnn[0] / rnn[T30 - 1]).toBeLessThan(1e-4);
    expect(rnn[0]).toBeLessThan(lstm[0] / 100);
  });

  it('same budget and seed, Keras init: the RNN reaches 90% validation accuracy, the LSTM does not yet', async () => {
    const rnn = await accuracyAfterBudget('rnn', all(at30, keras));
    const lstm = await accuracyAfterBudget('lstm', all(at30, keras));
    expect(rnn).toBeGreaterThanOrEqual(0.9);
    expect(lstm).toBeLessThan(0.9);
  }, 240_000);
});

describe('the lesson as shipped: PyTorch default init for both, LSTM forget bias ln(T-1)', () => {
  it('the examples carry the stated settings', async () => {
    const { graph } = await loadExample('vanishing-lstm-recall.json');
    const rec = graph.nodes[2].params as { forgetBias: number; init: { scale: number } };
    expect(rec.forgetBias).toBeCloseTo(Math.log(T - 1), 3);
    expect(rec.init.scale).toBeCloseTo(1 / Math.sqrt(32), 6);
  });

  it('at init the RNN t=1 gradient is orders of magnitude below the LSTM one', async () => {
    const rnn = await initialTimestepNorms('rnn');
    const lstm = await initialTimestepNorms('lstm');
    // RNN: 0.58^49 ~ 3e-12 of the last step's norm, times tanh' <= 1; 1e-8 leaves 1000x of margin
    expect(rnn[0] / rnn[T - 1]).toBeLessThan(1e-8);
    // LSTM: a forget gate of (T-1)/T keeps about 1/e over 49 steps; two decades of slack for the gates
    expect(lstm[0] / lstm[T - 1]).toBeGreaterThan(1e-2);
    // the claim: at least eight orders of magnitude apart (measured: about fourteen)
    expect(rnn[0]).toBeLessThan(lstm[0] * 1e-8);
  });

  it('the forget bias is what holds the LSTM gradient: with zero bias (PyTorch LSTM) it vanishes too', async () => {
    const zeroBias: Edit = (d) => {
      d.nodes[2].params.forgetBias = 0;
    };
    const lstm = await initialTimestepNorms('lstm', zeroBias);
    // sigmoid(0)^49 = 0.5^49 ~ 2e-15
    expect(lstm[0] / lstm[T - 1]).toBeLessThan(1e-4);
  });

  it('an orthogonal recurrent kernel (the Keras default) is a cure: the RNN t=1 gradient grows by orders of magnitude', async () => {
    const orthogonal: Edit = (d) => {
      d.nodes[2].params.init.recurrent = 'orthogonal';
    };
    const uniform = await initialTimestepNorms('rnn');
    const orth = await initialTimestepNorms('rnn', orthogonal);
    expect(orth[0]).toBeGreaterThan(1000 * uniform[0]);
  });

  // The claim, over the whole shipped run (5 epochs = 285 updates): LSTM >= 90%, RNN at least
  // 50 points below. At T = 30 the RNN found a memory of its own after 900-1,650 updates, and at T = 50
  // on 2 of 9 seeds between 300 and 570 (docs/lesson-vanishing.md): hence T = 50 and 5 epochs.
  it.each([7, 11, 23])(
    'seed %i, the whole run each: the LSTM reaches 90% validation accuracy, the RNN stays 50 points below',
    async (seed) => {
      const rnn = await accuracyAfterBudget('rnn', withSeed(seed), Number.POSITIVE_INFINITY);
      const lstm = await accuracyAfterBudget('lstm', withSeed(seed), Number.POSITIVE_INFINITY);
      expect(lstm).toBeGreaterThanOrEqual(0.9);
      expect(rnn).toBeLessThanOrEqual(lstm - 0.5);
    },
    240_000,
  );
});
