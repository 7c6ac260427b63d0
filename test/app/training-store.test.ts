// The training store's chart series: every loss lands at its own step, the validation point at the step
// its epoch ended (even mid-record), the right-axis metric once per record; the screen state follows.
import { afterEach, describe, expect, it } from 'vitest';
import { applyProgress, clearRun, series, useTraining } from '../../app/training/store.ts';
import type { Progress } from '../../app/worker/protocol.ts';

function record(first: number, losses: number[], extra: Partial<Progress> = {}): Progress {
  return {
    status: 'running',
    step: first + losses.length - 1,
    epoch: 0,
    epochs: 1,
    stepsPerEpoch: 100,
    loss: losses.at(-1) ?? Number.NaN,
    losses: Float32Array.from(losses),
    firstStep: first,
    learningRate: 0.1,
    gradNorm: 1,
    edges: {},
    params: {},
    timesteps: { ids: [], offsets: [0], data: new Float32Array(0) },
    chunk: losses.length,
    ...extra,
  };
}

afterEach(() => clearRun());

describe('training store', () => {
  it('puts every loss at its step and the validation loss where its epoch ended', async () => {
    applyProgress(record(1, [2, 1.5, 1.2, 1.0], { valStep: 3, valLoss: 1.4, accuracy: 0.5 }));
    expect(series.step).toEqual([1, 2, 3, 4]);
    expect(series.loss).toEqual([2, 1.5, 1.2, 1].map(Math.fround));
    expect(series.valLoss).toEqual([null, null, 1.4, null]);
    expect(series.metric).toEqual([null, null, null, 0.5]);
    // A later record still carrying the old valStep does not plot it twice.
    applyProgress(record(5, [0.9], { valStep: 3, valLoss: 1.4 }));
    expect(series.valLoss.filter((v) => v !== null)).toHaveLength(1);
  });

  it('shows the newest record within the UI interval, keeping the last gradients when a record has none', async () => {
    const ts = { ids: ['rec'], offsets: [0, 2], data: Float32Array.from([0.1, 0.2]) };
    applyProgress(record(1, [1], { edges: { e1: 0.3 }, timesteps: ts }));
    // Wait for the store's own flush (its onFlush callback), not a fixed 150 ms.
    await new Promise<void>((r) => applyProgress(record(2, [0.8]), r));
    const s = useTraining.getState();
    expect(s.step).toBe(2);
    expect(s.phase).toBe('running');
    expect(s.edges).toEqual({ e1: 0.3 });
    expect(s.timesteps?.ids).toEqual(['rec']);
  });

  it('clearRun forgets every number of the old run (accuracy and validation too)', async () => {
    await new Promise<void>((r) =>
      applyProgress(
        record(1, [1], { accuracy: 0.8, valLoss: 0.9, valAccuracy: 0.7, perplexity: 3, edges: { e1: 1 } }),
        r,
      ),
    );
    expect(useTraining.getState().accuracy).toBe(0.8);
    clearRun('idle');
    const s = useTraining.getState();
    expect([s.step, s.accuracy, s.valLoss, s.valAccuracy, s.perplexity, s.divergedAt]).toEqual([
      0,
      undefined,
      undefined,
      undefined,
      undefined,
      null,
    ]);
    expect(s.edges).toEqual({});
  });
});
