// The worker's training loop without a worker: chunk sizes adapt to ~40 ms, progress is throttled to
// <= 20 per second, losses are never dropped, pause stops, one Step is exactly one optimizer update.
import { describe, expect, it } from 'vitest';
import type { Trainer } from '../../engine/train/trainer.ts';
import type { TrainSnapshot, TrainStatus } from '../../engine/types.ts';
import { type LoopClock, TrainLoop } from '../../app/worker/loop.ts';
import type { Progress } from '../../app/worker/protocol.ts';

/** A trainer whose every step costs `msPerStep` of fake time and has loss 1/step. */
function fakeTrainer(clock: { t: number }, msPerStep: number, totalSteps = 1e9) {
  let step = 0;
  let status: TrainStatus = 'idle';
  const snap = (losses: number[]): TrainSnapshot => ({
    status,
    step,
    epoch: 0,
    epochProgress: 0,
    loss: losses.at(-1) ?? Number.NaN,
    losses,
    learningRate: 0.1,
    gradNorm: 1,
    gradients: { edges: { e1: 0.5 }, params: {}, timesteps: { rec: [1e-3, 1e-2, 1e-1] }, saturation: {} },
  });
  const t = {
    epochs: 1,
    stepsPerEpoch: totalSteps,
    // 32 examples per step
    sizes: { train: 32 * totalSteps, val: 0 },
    get status() {
      return status;
    },
    step(n = 1) {
      const losses: number[] = [];
      for (let i = 0; i < n && step < totalSteps; i++) {
        step++;
        clock.t += msPerStep;
        losses.push(1 / step);
      }
      if (status === 'idle') status = 'running';
      if (step >= totalSteps && status !== 'paused') status = 'finished';
      return snap(losses);
    },
    snapshot: () => snap([]),
    pause: () => {
      if (status === 'running' || status === 'idle') status = 'paused';
    },
    resume: () => {
      if (status === 'paused' || status === 'idle') status = 'running';
    },
    stop: () => {
      status = 'stopped';
    },
    reset: () => {
      step = 0;
      status = 'idle';
    },
    // as the real trainer: a finished or stopped run continues, paused, one epoch more when done
    reopen: () => {
      if (status !== 'finished' && status !== 'stopped') return false;
      if (step >= totalSteps) totalSteps += 1;
      status = 'paused';
      return true;
    },
  };
  return t as unknown as Trainer;
}

function fakeClock(onYield: () => void = () => {}): LoopClock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    yield: async () => onYield(),
  };
  return c;
}

describe('TrainLoop', () => {
  it('asks for instrumentation at most every 250 ms of its clock, whatever the step time', async () => {
    const clock = fakeClock();
    const asked: boolean[] = [];
    const inner = fakeTrainer(clock, 100); // 100 ms per step: every chunk is one step
    const trainer = Object.create(inner) as Trainer;
    trainer.step = (n?: number, opts?: { instrument?: boolean }) => {
      asked.push(opts?.instrument !== false);
      return inner.step(n);
    };
    let chunks = 0;
    const loop = new TrainLoop(trainer, () => {}, {
      now: () => clock.t,
      yield: async () => {
        if (++chunks === 40) loop.pause();
      },
    });
    await loop.run();
    expect(asked).toHaveLength(40);
    // 40 steps of 100 ms = 4 s: one instrumented step per 250 ms at most, and at least one per 300 ms
    const n = asked.filter(Boolean).length;
    expect(n).toBeLessThanOrEqual(4000 / 250 + 1);
    expect(n).toBeGreaterThanOrEqual(4000 / 300);
    expect(asked[0]).toBe(true); // the first chunk reports at once
  });

  it('measures throughput in the worker: steps/s, examples/s and time left from its clock', async () => {
    const got: Progress[] = [];
    let chunks = 0;
    const clock = fakeClock(() => {
      if (++chunks === 100) loop.pause();
    });
    // 10 ms of (fake) time per step, 5000 steps in the run, 32 examples per step.
    const loop = new TrainLoop(fakeTrainer(clock, 10, 5000), (p) => got.push(p), clock);
    await loop.run();
    const running = got.filter((p) => p.status === 'running');
    expect(running.length).toBeGreaterThan(3);
    for (const p of running) {
      expect(p.rate?.stepsPerSec).toBeCloseTo(100, 6);
      expect(p.rate?.examplesPerSec).toBeCloseTo(3200, 6);
      expect(p.rate?.secondsLeft).toBeCloseTo((5000 - p.step) / 100, 6);
    }
    // Paused: no rate (a pause is not slow training).
    expect(got.at(-1)?.status).toBe('paused');
    expect(got.at(-1)?.rate).toBeUndefined();
  });

  it('a Step alone reports no rate', () => {
    const got: Progress[] = [];
    const clock = fakeClock();
    const loop = new TrainLoop(fakeTrainer(clock, 10), (p) => got.push(p), clock);
    loop.stepOnce();
    expect(got).toHaveLength(1);
    expect(got[0].rate).toBeUndefined();
  });

  it('grows the chunk until one chunk takes about 40 ms', async () => {
    let chunks = 0;
    const clock = fakeClock(() => {
      chunks++;
      if (chunks === 30) loop.pause();
    });
    const trainer = fakeTrainer(clock, 2.5);
    const loop = new TrainLoop(trainer, () => {}, clock);
    await loop.run();
    expect(loop.chunk).toBe(16);
  });

  it('shrinks the chunk for slow steps, but never below one step', async () => {
    let chunks = 0;
    const clock = fakeClock(() => {
      if (++chunks === 10) loop.pause();
    });
    const loop = new TrainLoop(fakeTrainer(clock, 200), () => {}, clock);
    loop.chunk = 64;
    await loop.run();
    expect(loop.chunk).toBe(1);
  });

  it('reports at most one record per 50 ms of training and loses no loss value', async () => {
    const got: Progress[] = [];
    let chunks = 0;
    const clock = fakeClock(() => {
      if (++chunks === 200) loop.pause();
    });
    const trainer = fakeTrainer(clock, 3);
    const loop = new TrainLoop(trainer, (p) => got.push(p), clock);
    await loop.run();
    const elapsed = clock.t;
    // +1: the record sent when the loop stops
    expect(got.length).toBeLessThanOrEqual(Math.floor(elapsed / 50) + 1);
    expect(got.length).toBeGreaterThan(5);
    const all = got.flatMap((p) => Array.from(p.losses));
    expect(all.length).toBe(trainer.snapshot().step);
    got.forEach((p) => {
      if (p.losses.length) expect(p.losses[0]).toBeCloseTo(1 / p.firstStep, 6);
    });
  });

  it('packs losses and time-step norms as Float32Arrays', async () => {
    const got: Progress[] = [];
    const clock = fakeClock(() => loop.pause());
    const loop = new TrainLoop(fakeTrainer(clock, 10), (p) => got.push(p), clock);
    await loop.run();
    const p = got.at(-1)!;
    expect(p.losses).toBeInstanceOf(Float32Array);
    expect(p.timesteps.ids).toEqual(['rec']);
    expect(Array.from(p.timesteps.data)).toEqual([1e-3, 1e-2, 1e-1].map(Math.fround));
    expect(p.edges).toEqual({ e1: 0.5 });
  });

  it('pause ends run(); stepOnce then advances exactly one step and stays paused', async () => {
    const got: Progress[] = [];
    let chunks = 0;
    const clock = fakeClock(() => {
      if (++chunks === 5) loop.pause();
    });
    const trainer = fakeTrainer(clock, 5);
    const loop = new TrainLoop(trainer, (p) => got.push(p), clock);
    await loop.run();
    const before = got.at(-1)!;
    expect(before.status).toBe('paused');
    loop.stepOnce();
    const after = got.at(-1)!;
    expect(after.step).toBe(before.step + 1);
    expect(after.status).toBe('paused');
    expect(Array.from(after.losses)).toEqual([Math.fround(1 / after.step)]);
  });

  it('stops by itself when training finishes, with a final record', async () => {
    const got: Progress[] = [];
    const clock = fakeClock();
    const loop = new TrainLoop(fakeTrainer(clock, 1, 100), (p) => got.push(p), clock);
    await loop.run();
    expect(got.at(-1)?.status).toBe('finished');
    expect(got.at(-1)?.step).toBe(100);
    expect(loop.isRunning).toBe(false);
  });

  it('Step after the end continues the finished run (step 101, paused), not a new one', async () => {
    const got: Progress[] = [];
    const clock = fakeClock();
    const loop = new TrainLoop(fakeTrainer(clock, 1, 100), (p) => got.push(p), clock);
    await loop.run();
    loop.stepOnce();
    expect(got.at(-1)).toMatchObject({ step: 101, status: 'paused' });
    expect(Array.from(got.at(-1)!.losses)).toEqual([Math.fround(1 / 101)]);
  });
});
