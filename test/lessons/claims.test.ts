// The numbers the lesson captions state, measured headlessly on seeds other than the one a caption quotes
// (the captions quote seed 42, or 11 for the exploding run), so a caption cannot be true by tuning alone.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { compileModel } from '../../engine/model.ts';
import { loadDataset } from '../../engine/data/index.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';
import { fromArray } from '../../engine/tensor.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { hiddenLayerCount } from '../../app/lessons/course/formula.ts';
import { exampleDefaults, lessonGraph } from '../../app/lessons/presets.ts';
import { lesson, stepGraph, trainerFor, withSeed } from './helpers.ts';

const SEEDS = [7, 11];

/** Gradient report of the first update (at the initial weights). */
async function firstGradients(g: Graph) {
  const t = await trainerFor(g, 'call');
  const s = t.step(1);
  return s.gradients!;
}

describe('single hidden layer', () => {
  const l = lesson('single-hidden-layer');

  it("M(p+1) + K(M+1) equals the engine's count for the example and for other sizes", () => {
    const g = stepGraph(l, 0);
    for (const [p, M, K] of [
      [2, 32, 2],
      [2, 8, 2],
      [5, 64, 3],
      [10, 1, 7],
    ]) {
      const c = structuredClone(g);
      for (const n of c.nodes) {
        if (n.type === 'Input') n.params.shape = [p];
        if (n.id === 'hidden') n.params = { ...n.params, units: M } as typeof n.params;
        if (n.id === 'logits') n.params = { ...n.params, units: K } as typeof n.params;
      }
      const r = hiddenLayerCount(analyzeGraph(c));
      expect(r).toEqual({ p, M, K, formula: M * (p + 1) + K * (M + 1), engine: M * (p + 1) + K * (M + 1) });
    }
  });

  it('the formula panel explains a graph of another shape instead of showing a wrong number', () => {
    const g = stepGraph(l, 0);
    const c = structuredClone(g);
    for (const n of c.nodes)
      if (n.type === 'Dense') n.params = { ...n.params, useBias: false } as typeof n.params;
    expect(hiddenLayerCount(analyzeGraph(c))).toEqual({
      reason: 'the formula counts one bias per unit: turn "use bias" back on in both Dense layers',
    });
  });

  /** Training accuracy over the last of `epochs` epochs. */
  async function lastEpochAccuracy(g: Graph, epochs: number) {
    const t = await trainerFor(g);
    t.step(t.stepsPerEpoch * (epochs - 1));
    return t.step(t.stepsPerEpoch).epochEnd!.accuracy!;
  }

  it('without a hidden layer a line settles below 90% and more epochs do not help; with it, over 90%', async () => {
    for (const seed of SEEDS) {
      const g = withSeed(stepGraph(l, 1), seed);
      const linear = structuredClone(g);
      linear.nodes = linear.nodes.filter((n) => n.id !== 'hidden');
      linear.edges = [
        { id: 'a', source: 'in', target: 'logits' },
        { id: 'b', source: 'logits', target: 'probs' },
      ];
      const lin60 = await lastEpochAccuracy(linear, 60);
      const lin300 = await lastEpochAccuracy(linear, 300);
      const mlp = await lastEpochAccuracy(g, 300);
      expect(lin60).toBeGreaterThan(0.7);
      expect(lin300).toBeLessThan(0.9);
      expect(Math.abs(lin300 - lin60)).toBeLessThan(0.02);
      expect(mlp).toBeGreaterThan(0.9);
      expect(mlp).toBeGreaterThan(lin300 + 0.05);
    }
  });

  it('(Ŷ − Y)Zᵀ equals the gradient backpropagation computes for the output weights β', async () => {
    const g = stepGraph(l, 2);
    const model = compileModel(g, { seed: 3, dtype: 'float64' });
    const ds = await loadDataset(
      { id: 'builtin:spirals', options: { n: 400, noise: 0.1, classes: 2, seed: 3 } },
      inputSpecOf(model),
    );
    const row = 17;
    const x = fromArray([1, 2], ds.x.data.subarray(2 * row, 2 * row + 2), 'float64');
    const y = fromArray([1], [ds.y.data[row]], 'float64');
    const { output } = model.lossAndGrads(x, y, { instrument: false });
    const Z = model.lastOutput('hidden')!.data; // [1, M]
    const K = 2;
    const M = Z.length;
    const beta = model.params.find((p) => p.nodeId === 'logits' && p.name === 'W')!;
    for (let k = 0; k < K; k++) {
      const err = output.data[k] - (ds.y.data[row] === k ? 1 : 0); // Ŷ_k − Y_k
      for (let m = 0; m < M; m++) expect(beta.grad.data[k * M + m]).toBeCloseTo(err * Z[m], 12);
    }
  });
});

describe('gradient descent', () => {
  const l = lesson('gradient-descent');

  /** Mean |loss(step i+1) − loss(step i)| over the same number of epochs. */
  async function roughness(stepIndex: number, seed: number, epochs: number) {
    const t = await trainerFor(withSeed(stepGraph(l, stepIndex), seed));
    const losses: number[] = [];
    for (let i = 0; i < t.stepsPerEpoch * epochs; i++) losses.push(t.step(1).loss);
    let sum = 0;
    for (let i = 1; i < losses.length; i++) sum += Math.abs(losses[i] - losses[i - 1]);
    return sum / (losses.length - 1);
  }

  it('one example per step is the noisiest, the full batch the smoothest (by several times each)', async () => {
    for (const seed of SEEDS) {
      const full = await roughness(0, seed, 40);
      const single = await roughness(1, seed, 3);
      const mini = await roughness(2, seed, 30);
      expect(single).toBeGreaterThan(3 * mini);
      expect(mini).toBeGreaterThan(3 * full);
    }
  });
});

describe('depth and initialization', () => {
  const l = lesson('depth-and-initialization');

  it('six sigmoid layers pass back far less to the first hidden layer than six ReLU layers (over 30x)', async () => {
    for (const seed of SEEDS) {
      const sig = await firstGradients(withSeed(stepGraph(l, 0), seed));
      const relu = await firstGradients(withSeed(stepGraph(l, 1), seed));
      expect(sig.edges.g1).toBeLessThan(relu.edges.g1 / 30);
      // and the shrinking happens on the way down: the last hidden layer still receives a normal gradient
      expect(sig.edges.g1).toBeLessThan(sig.edges.g6 / 100);
    }
  });

  it('tanh with Glorot keeps the first hidden layer within 3x of the last; ±0.01 collapses it; ±1 enlarges it and has a fifth of its units saturated', async () => {
    for (const seed of SEEDS) {
      const glorot = await firstGradients(withSeed(stepGraph(l, 2), seed));
      const small = await firstGradients(withSeed(stepGraph(l, 3), seed));
      const large = await firstGradients(withSeed(stepGraph(l, 4), seed));
      expect(glorot.edges.g1).toBeGreaterThan(glorot.edges.g6 / 3);
      expect(small.edges.g1).toBeLessThan(1e-6 * glorot.edges.g1);
      expect(large.edges.g1).toBeGreaterThan(3 * glorot.edges.g1);
      // "about a fifth of the tanh units in the upper layers sit on their flat ends; with Glorot none do"
      const upper = ['d3', 'd4', 'd5', 'd6'];
      const sat = upper.map((id) => large.saturation[id]);
      expect(sat.reduce((a, b) => a + b, 0) / sat.length).toBeGreaterThan(0.1);
      expect(sat.reduce((a, b) => a + b, 0) / sat.length).toBeLessThan(0.35);
      expect(Math.max(...upper.map((id) => glorot.saturation[id]))).toBe(0);
    }
  });
});

describe('the gradient lab with its defaults (what "Train both side by side" runs)', () => {
  // The lab trains lessonGraph('rnn' | 'lstm', the example's length, ...) to the end of the examples'
  // epochs. Caption and lesson text quote seed 7; here seeds 1-6. Measured (docs/lesson-vanishing.md):
  // at T = 50 the RNN's step-1 gradient at t = 1 is 1e-12 to 1e-17, the LSTM's 7e-3 to 2.4e-2.
  it('on seeds 1-6, at step 1 the RNN gradient at t = 1 is 8+ orders below the LSTM one; after the whole run the RNN is near chance and the LSTM over 90% on at least 5 of 6', async () => {
    const { length } = exampleDefaults();
    expect(length).toBe(50);
    let shown = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rnn = await trainerFor(withSeed(lessonGraph('rnn', length, null), seed), 'call');
      const lstm = await trainerFor(withSeed(lessonGraph('lstm', length, null), seed), 'call');
      const r1 = rnn.step(1).gradients!.timesteps.rec;
      const l1 = lstm.step(1).gradients!.timesteps.rec;
      expect(r1).toHaveLength(length);
      // the card's headline: ||dL/dh_1|| at step 1, before learning
      expect(r1[0]).toBeLessThan(l1[0] * 1e-8);
      expect(l1[0] / l1[length - 1]).toBeGreaterThan(1e-2);
      // no cap: each trainer stops at the end of the example's epochs, as the lab's runs do
      while (!rnn.done) rnn.step(100);
      while (!lstm.done) lstm.step(100);
      const r = rnn.evaluate()!.accuracy!;
      const l = lstm.evaluate()!.accuracy!;
      expect(r).toBeLessThan(0.4); // chance is 0.25
      if (l >= 0.9) shown++;
    }
    expect(shown).toBeGreaterThanOrEqual(5);
  }, 240_000);
});

describe('attention on the recall task', () => {
  const l = lesson('vanishing-gradients');
  const step = l.steps.findIndex((s) => s.graph === 'attention-recall');

  it('the gradient at position 1 is a fifth to a half of position 30 at init; 100% validation accuracy in 150 updates', async () => {
    expect(step).toBeGreaterThan(0);
    for (const seed of [11, 23]) {
      const t = await trainerFor(withSeed(stepGraph(l, step), seed), 'call');
      const norms = t.step(1).gradients!.timesteps.att;
      const ratio = norms[0] / norms[norms.length - 1];
      expect(ratio).toBeGreaterThan(0.1);
      expect(ratio).toBeLessThan(1);
      // the accuracy half costs about 20 s on a loaded machine: one seed other than the example's 7
      if (seed === 11) expect(t.step(149).valAccuracy).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('the GRU on the recall task', () => {
  const l = lesson('lstm-gates');
  const gru = l.steps.findIndex((s) => s.title.startsWith('The GRU'));

  it("at init the GRU's gradient at t = 1 is under 1e-4 of t = 30's (the LSTM's over 1e-2); after 300 updates it is still near chance", async () => {
    expect(gru).toBeGreaterThan(0);
    const seed = 23; // the caption quotes seeds 7 and 11
    const ratio = (norms: number[]) => norms[0] / norms[norms.length - 1];
    const lstm = await trainerFor(withSeed(stepGraph(l, 0), seed), 'call');
    expect(ratio(lstm.step(1).gradients!.timesteps.rec)).toBeGreaterThan(1e-2);
    const t = await trainerFor(withSeed(stepGraph(l, gru), seed), 'call');
    expect(ratio(t.step(1).gradients!.timesteps.rec)).toBeLessThan(1e-4);
    expect(t.step(299).valAccuracy).toBeLessThan(0.5);
  });
});

describe('exploding gradients', () => {
  const l = lesson('exploding-gradients');

  it('at the quoted seed 11 the unclipped run diverges within a few updates', async () => {
    const t = await trainerFor(stepGraph(l, 0));
    const s = t.step(10);
    expect(s.status).toBe('diverged');
  });

  // Whether one unclipped run fails is chaotic (float rounding decides; the WebAssembly kernels made
  // seed 7 learn unclipped). So the caption states a count over seeds 1-12, measured for docs/lessons.md,
  // and this test checks the same proportion on six other seeds: most unclipped runs fail, every clipped
  // run learns.
  it('on seeds 13-18 at least 4 of 6 unclipped runs diverge or stay under 40%; clipped by norm all reach 100%', async () => {
    let failed = 0;
    for (const seed of [13, 14, 15, 16, 17, 18]) {
      const plain = await trainerFor(withSeed(stepGraph(l, 0), seed));
      const p = plain.step(600);
      if (p.status === 'diverged' || (p.valAccuracy ?? 0) < 0.4) failed++;
      const t = await trainerFor(withSeed(stepGraph(l, 1), seed));
      const s = t.step(600);
      expect(s.status).not.toBe('diverged');
      expect(s.valAccuracy!).toBeGreaterThanOrEqual(0.99);
    }
    expect(failed).toBeGreaterThanOrEqual(4);
  });

  it('clipped by value 0.1 the same runs reach 100% too (seeds 13, 14)', async () => {
    for (const seed of [13, 14]) {
      const t = await trainerFor(withSeed(stepGraph(l, 2), seed));
      const s = t.step(600);
      expect(s.status).not.toBe('diverged');
      expect(s.valAccuracy!).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('text classifier', () => {
  const l = lesson('text-classifier');

  it("the lecture's model has 1,136,641 parameters, 938,880 in the embedding", () => {
    const a = analyzeGraph(stepGraph(l, 0));
    expect(a.totalParams).toBe(1_136_641);
    expect(a.nodes.emb.params).toBe(938_880);
  });

  it('its vocabulary and length are the spam data\'s: 7,335 ids, the longest e-mail 47 words', async () => {
    const g = stepGraph(l, 0);
    expect(g.training?.dataset.id).toBe('builtin:spam');
    const emb = g.nodes.find((n) => n.type === 'Embedding')!.params as { vocabSize: number };
    const T = (g.nodes.find((n) => n.type === 'Input')!.params as { shape: number[] }).shape[0];
    // with room to spare, the corpus gives every word an id and no e-mail is cut
    const d = await loadDataset(g.training!.dataset, { shape: [100], dtype: 'int32', vocabSize: 100_000 });
    expect(emb.vocabSize).toBe(d.vocab!.length);
    const n = d.x.shape[0];
    let longest = 0;
    for (let i = 0; i < n; i++) {
      let words = 0;
      for (let t = 0; t < 100; t++) if (d.x.data[i * 100 + t] !== d.padId) words++;
      longest = Math.max(longest, words);
    }
    expect(longest).toBe(47);
    expect(T).toBeGreaterThanOrEqual(longest);
    expect(T - longest).toBeLessThan(8);
  });

  it("the lecture's model reaches about 94% validation accuracy after its 2 epochs (seed 42)", async () => {
    const g = stepGraph(l, 0);
    const t = await trainerFor(g);
    const last = t.step(t.stepsPerEpoch * 2);
    expect(last.epochEnd?.epoch).toBe(2);
    expect(last.epochEnd?.valAccuracy).toBeGreaterThan(0.92);
  }, 180_000);

  it('the class-time BiLSTM passes 80% validation accuracy after one epoch and 85% after five', async () => {
    for (const seed of SEEDS) {
      const t = await trainerFor(withSeed(stepGraph(l, 1), seed));
      const first = t.step(t.stepsPerEpoch);
      expect(first.epochEnd?.valAccuracy).toBeGreaterThan(0.8);
      const last = t.step(t.stepsPerEpoch * 4);
      expect(last.epochEnd?.epoch).toBe(5);
      expect(last.epochEnd?.valAccuracy).toBeGreaterThan(0.85);
    }
  });
});
