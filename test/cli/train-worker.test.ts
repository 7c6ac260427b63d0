// The CLI's training thread (cli/train-worker) and its Ctrl-C handler, without a terminal: a job runs
// to 'done' with its progress in order; a job the data does not fit is 'invalid' (exit 1 in the CLI);
// a bug of ours in the thread is 'internal' with its message only (exit 3, no stack trace); the shared
// flag stops a run that would otherwise take 1,000,000 steps.
import { describe, expect, it } from 'vitest';
import { EXIT_INTERRUPTED, handleCtrlC, type SignalTarget } from '../../cli/ctrl-c.ts';
import type { TrainJob, WorkerMessage } from '../../cli/train-worker/protocol.ts';
import { startTrainWorker } from '../../cli/train-worker/start.ts';
import { pointsClassifier, sumRegression, twoClassPoints } from '../train/helpers.ts';

function job(over: Partial<TrainJob> = {}): TrainJob {
  return {
    file: 'g.json',
    graph: pointsClassifier({ batchSize: 16, epochs: 2 }),
    dataset: twoClassPoints(100),
    epochs: 2,
    ...over,
  };
}

describe('startTrainWorker', () => {
  it('runs a job to the end: ready, epoch lines in order, then the outcome', async () => {
    const seen: WorkerMessage['type'][] = [];
    const w = startTrainWorker(job(), (m) => seen.push(m.type));
    const r = await w.result;
    expect(r.kind).toBe('done');
    if (r.kind !== 'done') return;
    expect(r.outcome).toMatchObject({ status: 'finished', epoch: 2, epochs: 2, step: 12 });
    expect(r.outcome.interrupted).toBeUndefined();
    expect(seen[0]).toBe('ready');
    expect(seen.filter((t) => t === 'epoch')).toHaveLength(2);
  }, 60_000);

  it('stops when the flag is set, with the step that was running and the completed ones kept', async () => {
    let w: ReturnType<typeof startTrainWorker> | null = null;
    let progress = 0;
    w = startTrainWorker(job({ epochs: 1_000_000, progressEveryMs: 0 }), (m) => {
      if (m.type === 'progress' && ++progress === 3) w?.interrupt();
    });
    const r = await w.result;
    expect(r.kind).toBe('done');
    if (r.kind !== 'done') return;
    expect(r.outcome.status).toBe('stopped');
    expect(r.outcome.step).toBeGreaterThanOrEqual(3);
    expect(r.outcome.interrupted?.step).toBe(r.outcome.step + 1);
    expect(Number.isFinite(r.outcome.last.loss)).toBe(true);
  }, 60_000);

  it('reports targets that do not fit the loss as invalid, naming the data file', async () => {
    const r = await startTrainWorker(job({ dataset: sumRegression(50), dataFile: 'rows.csv' }), () => {})
      .result;
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.message).toMatch(/^rows\.csv: /);
  }, 60_000);

  it('turns an error of ours inside the thread into one message, without a stack trace', async () => {
    // rows without a feature tensor: a TypeError deep in the trainer (no user input reaches this)
    const broken = job({
      dataset: { ...twoClassPoints(10), x: null as unknown as TrainJob['dataset']['x'] },
    });
    const r = await startTrainWorker(broken, () => {}).result;
    expect(r.kind).toBe('internal');
    if (r.kind !== 'internal') return;
    expect(r.message.length).toBeGreaterThan(0);
    expect(r.message).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('handleCtrlC', () => {
  function fakeProcess() {
    const handlers: (() => void)[] = [];
    const exits: number[] = [];
    const target: SignalTarget = {
      on: (_s, fn) => handlers.push(fn),
      off: (_s, fn) => handlers.splice(handlers.indexOf(fn), 1),
      exit: (code) => exits.push(code),
    };
    return {
      target,
      handlers,
      exits,
      press: () => {
        for (const h of [...handlers]) h();
      },
    };
  }

  it('the first press asks to stop, the second cleans up and exits 130', () => {
    const p = fakeProcess();
    const calls: string[] = [];
    const err: string[] = [];
    const release = handleCtrlC(
      { first: () => calls.push('stop'), beforeExit: () => calls.push('clean') },
      { out: () => {}, err: (l) => err.push(l) },
      p.target,
    );
    p.press();
    expect(calls).toEqual(['stop']);
    expect(p.exits).toEqual([]);
    expect(err.join('\n')).toContain('Ctrl-C again to quit at once');
    p.press();
    expect(calls).toEqual(['stop', 'clean']);
    expect(p.exits).toEqual([EXIT_INTERRUPTED]);
    expect(EXIT_INTERRUPTED).toBe(130);
    release();
    expect(p.handlers).toHaveLength(0);
  });
});
