// The runs store without a browser (no IndexedDB in Node: saving quietly does nothing): a run is created at
// its first step with a label from the previous run, grows with progress, ends, and runs of another model
// leave the chart but stay in the list.
import { beforeEach, describe, expect, test } from 'vitest';
import { SEED_EXAMPLE } from '../../app/model/examples.ts';
import {
  beginRun,
  endLiveRun,
  hideOtherModels,
  recordRunProgress,
  removeRun,
  useRuns,
} from '../../app/runs/store.ts';
import type { LoadInfo, Progress } from '../../app/worker/protocol.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const info = { sizes: { train: 100, val: 10 }, stepsPerEpoch: 4, epochs: 2 } as LoadInfo;

function progress(first: number, losses: number[], extra: Partial<Progress> = {}): Progress {
  return {
    status: 'running',
    step: first + losses.length - 1,
    epoch: 0,
    epochs: 2,
    stepsPerEpoch: 4,
    loss: losses.at(-1) ?? Number.NaN,
    losses: Float32Array.from(losses),
    firstStep: first,
    learningRate: 0.1,
    gradNorm: 1,
    edges: {},
    params: {},
    timesteps: { ids: [], offsets: [0], data: new Float32Array(0) },
    chunk: 1,
    ...extra,
  };
}

const batch8: Graph = {
  ...SEED_EXAMPLE,
  training: { ...(SEED_EXAMPLE.training as NonNullable<Graph['training']>), batchSize: 8 },
};

beforeEach(() => {
  endLiveRun();
  useRuns.setState({ runs: [], liveId: null, saved: {} });
});

describe('runs store', () => {
  test('a run begins at its first step, grows, and the next run is labelled by what changed', () => {
    beginRun(SEED_EXAMPLE, info);
    recordRunProgress(progress(1, [], { status: 'paused' })); // a load record without steps: no run yet
    expect(useRuns.getState().runs).toHaveLength(0);
    recordRunProgress(progress(1, [2, 1.5]));
    recordRunProgress(progress(3, [1.2, 1.0], { valStep: 4, valLoss: 1.1 }));
    recordRunProgress(progress(5, [0.9], { valStep: 4, valLoss: 1.1 })); // the same epoch's value again
    const [a] = useRuns.getState().runs;
    expect(a.label).toBe('adam, lr 0.001, batch 32');
    expect(a.steps).toEqual([1, 2, 3, 4, 5]);
    expect(a.valSteps).toEqual([4]);
    expect(a.batch).toBe(32);
    expect(useRuns.getState().liveId).toBe(a.id);

    beginRun(batch8, info);
    expect(useRuns.getState().liveId).toBeNull();
    recordRunProgress(progress(1, [3]));
    const runs = useRuns.getState().runs;
    expect(runs.map((r) => r.label)).toEqual(['adam, lr 0.001, batch 32', 'batch 8']);
    expect(runs[1].batch).toBe(8);
    expect(runs[0].colour).not.toBe(runs[1].colour);
  });

  test('runs of another model leave the chart but stay listed; delete removes', () => {
    beginRun(SEED_EXAMPLE, info);
    recordRunProgress(progress(1, [1]));
    const other = {
      ...SEED_EXAMPLE,
      nodes: SEED_EXAMPLE.nodes.slice(0, 2),
      edges: SEED_EXAMPLE.edges.slice(0, 1),
    } as Graph;
    hideOtherModels(batch8); // same model, other settings: stays visible
    expect(useRuns.getState().runs[0].visible).toBe(true);
    hideOtherModels(other);
    expect(useRuns.getState().runs[0].visible).toBe(false);
    expect(useRuns.getState().runs).toHaveLength(1);
    removeRun(useRuns.getState().runs[0].id);
    expect(useRuns.getState().runs).toHaveLength(0);
  });
});
