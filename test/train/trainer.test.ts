import { describe, expect, it } from 'vitest';
import { createTrainer } from '../../engine/train/trainer.ts';
import { chainGraph, pointsClassifier, sumRegression, twoClassPoints } from './helpers.ts';

describe('trainer', () => {
  it('gives bit-identical losses for the same seed and data, different ones for another seed', () => {
    const data = twoClassPoints(200);
    const run = (seed: number) => createTrainer(pointsClassifier({ seed }), data).step(40).losses;
    const a = run(3);
    expect(a).toHaveLength(40);
    expect(run(3)).toEqual(a);
    expect(run(4)).not.toEqual(a);
  });

  it('runs ceil(train rows / batch) steps per epoch for stochastic, mini-batch and full-batch descent', () => {
    const data = twoClassPoints(100); // 90 training rows after the default 10% validation split
    const cases: [number | 'full', number][] = [
      [1, 90],
      [32, 3],
      ['full', 1],
    ];
    for (const [batchSize, steps] of cases) {
      const t = createTrainer(pointsClassifier({ batchSize, epochs: 2 }), data);
      expect(t.sizes).toEqual({ train: 90, val: 10 });
      expect(t.stepsPerEpoch).toBe(steps);
      const s = t.step(steps);
      expect(s.epoch).toBe(1);
      expect(s.epochEnd?.epoch).toBe(1);
      expect(s.valLoss).toBeGreaterThan(0);
      t.step(10_000);
      expect(t.stepCount).toBe(2 * steps);
      expect(t.status).toBe('finished');
      expect(t.history.map((h) => h.epoch)).toEqual([1, 2]);
    }
  });

  it('reopen: Step after a finished run continues on its trained weights; a stopped one too', () => {
    const data = twoClassPoints(100);
    const t = createTrainer(pointsClassifier({ batchSize: 30, epochs: 2 }), data);
    t.step(10_000);
    expect(t.status).toBe('finished');
    const trained = t.model.params.map((p) => Array.from(p.value.data));
    const loss = t.evaluate()!.loss;
    expect(t.reopen()).toBe(true);
    expect(t.status).toBe('paused');
    expect(t.epochs).toBe(3); // room for the extra steps
    const s = t.step(1);
    expect(s.step).toBe(7);
    expect(t.status).toBe('paused');
    // one update away from the trained weights, not from the initial ones
    const fresh = createTrainer(pointsClassifier({ batchSize: 30, epochs: 2 }), data);
    const initialLoss = fresh.evaluate()!.loss;
    expect(Math.abs(t.evaluate()!.loss - loss)).toBeLessThan(Math.abs(initialLoss - loss));
    expect(t.model.params.some((p, i) => p.value.data.some((v, j) => v !== trained[i][j]))).toBe(true);
    t.reset();
    expect(t.epochs).toBe(2); // Reset takes the added epoch away
    // a stopped run continues where it stopped, with no epoch added
    const u = createTrainer(pointsClassifier({ batchSize: 30, epochs: 2 }), data);
    u.step(2);
    u.stop();
    expect(u.step(1).step).toBe(2); // stopped: no step
    expect(u.reopen()).toBe(true);
    expect(u.step(1).step).toBe(3);
    expect(u.epochs).toBe(2);
    // nothing to reopen while running, paused or idle
    expect(createTrainer(pointsClassifier({}), data).reopen()).toBe(false);
  });

  it('learns a separable problem: loss falls, accuracy rises', () => {
    const t = createTrainer(pointsClassifier({ epochs: 20 }), twoClassPoints(300));
    const first = t.step(5);
    t.step(10_000);
    const h = t.history.at(-1)!;
    expect(h.loss).toBeLessThan(first.loss / 2);
    expect(h.valAccuracy).toBeGreaterThan(0.9);
  });

  it('instruments the last step of each call only', () => {
    const t = createTrainer(pointsClassifier({}), twoClassPoints(200));
    const s = t.step(3);
    expect(Object.keys(s.gradients?.params ?? {})).toEqual(['n1', 'n2']);
    expect(s.gradients?.edges.e1).toBeGreaterThan(0);
    expect(s.gradNorm).toBeGreaterThan(0);
    const u = createTrainer(pointsClassifier({}), twoClassPoints(200), {
      instrumentEvery: Number.POSITIVE_INFINITY,
    });
    expect(u.step(3).gradients).toBeUndefined();
    // the caller may skip a call's instrumentation (the worker does, to report a few times a second);
    // 2,000 rows: no epoch ends (which are always instrumented) within these steps
    const w = createTrainer(pointsClassifier({}), twoClassPoints(2000));
    expect(w.step(3, { instrument: false }).gradients).toBeUndefined();
    expect(w.step(3).gradients).toBeDefined();
  });

  it('pause/stop/reset: a stopped run does not step; reset starts over bit-identically', () => {
    const t = createTrainer(pointsClassifier({}), twoClassPoints(200));
    const a = t.step(7).losses;
    t.pause();
    expect(t.status).toBe('paused');
    t.resume();
    expect(t.status).toBe('running');
    t.stop();
    expect(t.step(5).step).toBe(7);
    expect(t.status).toBe('stopped');
    t.reset();
    expect(t.status).toBe('idle');
    expect(t.stepCount).toBe(0);
    expect(t.step(7).losses).toEqual(a);
  });

  it('reports perplexity only for language models and accuracy only for classification', () => {
    const reg = chainGraph({ shape: [2] }, [{ type: 'Dense', params: { units: 1 } }], {
      optimizer: { type: 'sgd', lr: 0.1 },
      batchSize: 10,
      epochs: 1,
    });
    const s = createTrainer(reg, sumRegression(50)).step(5);
    expect(s.accuracy).toBeUndefined();
    expect(s.perplexity).toBeUndefined();
    expect(s.valAccuracy).toBeUndefined();
    expect(s.valLoss).toBeGreaterThanOrEqual(0);
  });
});

describe('divergence guard', () => {
  // A ReLU regression net with SGD at lr 100: the weights blow up within a few steps.
  const graph = chainGraph(
    { shape: [2] },
    [
      { type: 'Dense', params: { units: 8, activation: 'relu' } },
      { type: 'Dense', params: { units: 1 } },
    ],
    { optimizer: { type: 'sgd', lr: 100 }, batchSize: 10, epochs: 50, seed: 1 },
  );

  it('stops with status diverged, names where, keeps the last finite snapshot and weights', () => {
    const t = createTrainer(graph, sumRegression(100));
    let s = t.step(1);
    for (let i = 0; i < 200 && s.status !== 'diverged'; i++) s = t.step(1);
    expect(s.status).toBe('diverged');
    expect(t.status).toBe('diverged');
    const d = s.divergence!;
    // float32 overflow first shows in a layer's output or in a weight update, never in the input
    expect(['n1', 'n2']).toContain(d.nodeId);
    expect(d.message).toContain(`node ${d.nodeId}`);
    expect(d.message).toMatch(
      new RegExp(`at step ${s.step + 1}\\. Lower the learning rate or turn on gradient clipping\\.$`),
    );
    expect(Number.isFinite(s.loss)).toBe(true);
    expect(s.losses.every(Number.isFinite)).toBe(true);
    for (const p of t.model.params) expect(p.value.data.every(Number.isFinite)).toBe(true);
    // a diverged run does not step on
    expect(t.step(3).step).toBe(s.step);
  });

  it("a divergence inside one step(n) call keeps that call's finite steps in the snapshot", () => {
    const oneByOne = createTrainer(graph, sumRegression(100));
    let s = oneByOne.step(1);
    while (s.status !== 'diverged') s = oneByOne.step(1);
    const t = createTrainer(graph, sumRegression(100));
    const all = t.step(1000);
    expect(all.status).toBe('diverged');
    expect(all.step).toBe(s.step);
    expect(all.losses).toHaveLength(s.step);
    expect(all.losses.every(Number.isFinite)).toBe(true);
    expect(all.divergence).toEqual(s.divergence);
  });
});
