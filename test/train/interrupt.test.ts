// Stopping inside a step (Ctrl-C in the CLI): the engine asks its interrupt check between layers, time
// steps and row blocks of big products. Counted, not timed: a check that says "stop" at its N-th call
// must end the step at that call (no further checks = no further work) with the weights unchanged.
import { describe, expect, it } from 'vitest';
import type { InterruptCheck } from '../../engine/interrupt.ts';
import { Interrupted, placeText, sharedInterrupt } from '../../engine/interrupt.ts';
import { createWasmKernels, setKernels, tsKernels } from '../../engine/kernels/index.ts';
import { blockRows, interruptibleGemm } from '../../engine/layers/chunked-gemm.ts';
import { compileModel } from '../../engine/model.ts';
import { createTrainer } from '../../engine/train/trainer.ts';
import type { Dataset } from '../../engine/data/types.ts';
import { Rng } from '../../engine/random.ts';
import { chainGraph, pointsClassifier, twoClassPoints } from './helpers.ts';

/** A check that says "stop" from its `stopAt`-th call on (Infinity: never), counting every call. */
function countingCheck(stopAt = Number.POSITIVE_INFINITY): InterruptCheck & { calls: number } {
  const c = {
    calls: 0,
    requested: () => ++c.calls >= stopAt,
  };
  return c;
}

const T = 30;

/** Input [T, 3] -> RNN(8) -> Dense(2) -> Softmax, full batch: one step = T forward + T backward time steps. */
function rnnGraph(training: Record<string, unknown> = {}) {
  return chainGraph(
    { shape: [T, 3] },
    [{ type: 'RNN', params: { units: 8 } }, { type: 'Dense', params: { units: 2 } }, { type: 'Softmax' }],
    { optimizer: { type: 'adam', lr: 0.01 }, batchSize: 'full', epochs: 3, seed: 5, ...training },
  );
}

function sequences(n: number): Dataset {
  const rng = new Rng(9);
  const x = new Float32Array(n * T * 3);
  const y = new Float32Array(n);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform(-1, 1);
  for (let i = 0; i < n; i++) y[i] = x[i * T * 3] > 0 ? 1 : 0;
  return {
    id: 'test:seq',
    description: 'random sequences',
    task: 'classification',
    x: { shape: [n, T, 3], data: x },
    y: { shape: [n], data: y },
    numClasses: 2,
  };
}

const weightsOf = (t: { model: { params: { value: { data: ArrayLike<number> } }[] } }) =>
  t.model.params.map((p) => Array.from(p.value.data));

describe('interrupt inside a step', () => {
  it('is asked at least once per time step, forward and backward, and between steps', () => {
    const check = countingCheck();
    const t = createTrainer(rnnGraph(), sequences(40), { interrupt: check });
    t.step(1);
    // validation at the epoch end (full batch: every step ends an epoch) asks again per time step
    expect(check.calls).toBeGreaterThanOrEqual(2 * T + T);
    expect(t.interruption).toBeNull();
    expect(t.stepCount).toBe(1);
  });

  it('stops at the check that says so, mid-step, keeping the weights of the last completed step', () => {
    const probe = countingCheck();
    const reference = createTrainer(rnnGraph(), sequences(40), { interrupt: probe });
    reference.step(1);
    const perStep = probe.calls; // checks in one step (with its epoch-end validation)
    // cuts in the training part of the step (its last T + 4 checks are the validation's)
    for (const cut of [3, Math.floor(perStep / 2), perStep - T - 8]) {
      // two full steps, then stop at the cut-th check of the third
      const check = countingCheck(2 * perStep + cut);
      const t = createTrainer(rnnGraph(), sequences(40), { interrupt: check });
      t.step(2);
      const before = weightsOf(t);
      const s = t.step(1);
      expect(check.calls).toBe(2 * perStep + cut); // not one check (chunk of work) more
      expect(s.status).toBe('stopped');
      expect(t.status).toBe('stopped');
      expect(t.stepCount).toBe(2);
      expect(weightsOf(t)).toEqual(before);
      expect(t.interruption?.step).toBe(3);
      expect(['forward', 'backward']).toContain(t.interruption?.place.pass);
      // a later step call does nothing
      t.step(5);
      expect(t.stepCount).toBe(2);
    }
  });

  it('names the node, the pass and the time step it stopped at', () => {
    const probe = countingCheck();
    createTrainer(rnnGraph(), sequences(40), { interrupt: probe }).step(1);
    const places = [];
    for (let cut = 1; cut <= probe.calls; cut++) {
      const t = createTrainer(rnnGraph(), sequences(40), { interrupt: countingCheck(cut) });
      t.step(1);
      places.push(t.interruption!.place);
    }
    // the RNN's forward time steps in order, then (after the output layers) its backward ones in reverse
    const fwd = places.filter((p) => p.nodeId === 'n1' && p.pass === 'forward' && p.timeStep !== undefined);
    expect(fwd.map((p) => p.timeStep)).toEqual(
      expect.arrayContaining(Array.from({ length: T }, (_, i) => i + 1)),
    );
    const bwd = places.filter((p) => p.nodeId === 'n1' && p.pass === 'backward' && p.timeStep !== undefined);
    expect(bwd.slice(0, T).map((p) => p.timeStep)).toEqual(Array.from({ length: T }, (_, i) => T - i));
    expect(places.some((p) => p.pass === 'validation')).toBe(true);
    expect(placeText({ nodeId: 'n1', pass: 'backward', timeStep: 7, steps: 30 })).toBe(
      'node n1 (backward pass, time step 7 of 30)',
    );
  });

  it('interrupted during the epoch-end validation keeps the epoch, without its validation metrics', () => {
    const probe = countingCheck();
    const data = twoClassPoints(200);
    const g = pointsClassifier({ batchSize: 'full', epochs: 3 });
    createTrainer(g, data, { interrupt: probe }).step(1);
    // the last checks of the step are the validation pass's (3 layers + the Softmax)
    const t = createTrainer(g, data, { interrupt: countingCheck(probe.calls) });
    t.step(1);
    expect(t.stepCount).toBe(1);
    expect(t.status).toBe('stopped');
    expect(t.interruption?.place.pass).toBe('validation');
    expect(t.history).toHaveLength(1);
    expect(t.history[0].valLoss).toBeUndefined();
    expect(Number.isFinite(t.history[0].loss)).toBe(true);
  });

  it('without a check, or with one that never fires, training is bit-identical', () => {
    const a = createTrainer(rnnGraph(), sequences(40)).step(3).losses;
    const b = createTrainer(rnnGraph(), sequences(40), { interrupt: countingCheck() }).step(3).losses;
    expect(b).toEqual(a);
  });

  it('a shared flag set from outside stops the next check', () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const check = sharedInterrupt(flag);
    expect(check.requested()).toBe(false);
    Atomics.store(flag, 0, 1);
    expect(check.requested()).toBe(true);
    const t = createTrainer(rnnGraph(), sequences(40), { interrupt: check });
    expect(t.step(1).status).toBe('stopped');
    expect(t.stepCount).toBe(0);
    expect(t.interruption).toEqual({ step: 1, place: {} });
  });
});

describe('row-blocked products', () => {
  const kernelsUnderTest = [
    ['ts', tsKernels],
    ['wasm', createWasmKernels(0)],
  ] as const;

  for (const [name, k] of kernelsUnderTest) {
    it(`give bit-identical results to one product (${name} kernels), checking once per block`, () => {
      const prev = setKernels(k, name);
      try {
        const rng = new Rng(3);
        const fill = (n: number) => Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
        for (const [transA, transB] of [
          [false, true],
          [true, false],
          [false, false],
        ] as const) {
          const m = 75;
          const n = 19;
          const kk = 33;
          const A = fill(m * kk);
          const B = fill(n * kk);
          const C0 = fill(m * n);
          for (const beta of [0, 1] as const) {
            const one = C0.slice();
            k.gemm(
              transA,
              transB,
              m,
              n,
              kk,
              { data: A, off: 0, ld: transA ? m : kk },
              {
                data: B,
                off: 0,
                ld: transB ? kk : n,
              },
              beta,
              { data: one, off: 0, ld: n },
            );
            const blocked = C0.slice();
            const check = countingCheck();
            interruptibleGemm(
              check,
              transA,
              transB,
              m,
              n,
              kk,
              { data: A, off: 0, ld: transA ? m : kk },
              { data: B, off: 0, ld: transB ? kk : n },
              beta,
              { data: blocked, off: 0, ld: n },
              16,
            );
            expect(check.calls).toBe(Math.ceil(m / 16));
            expect(Array.from(blocked)).toEqual(Array.from(one));
          }
        }
      } finally {
        setKernels(prev);
      }
    });
  }

  it('a Dense layer on many rows checks between row blocks of its products', () => {
    // 1,100 rows x 1,024 -> 512: blockRows gives 512-row blocks (2^28 multiply-adds), so each product is 3 blocks
    expect(blockRows(512, 1024)).toBe(512);
    const g = chainGraph({ shape: [1024] }, [{ type: 'Dense', params: { units: 512 } }], {
      optimizer: { type: 'sgd', lr: 0.1 },
      loss: 'mse',
    });
    const model = compileModel(g);
    const x = { shape: [1100, 1024], data: new Float32Array(1100 * 1024).fill(0.01) };
    const check = countingCheck();
    model.forward(x, { instrument: false, interrupt: check });
    expect(check.calls).toBe(2 + 3); // before each of the two layers, then before each block
    const stop = countingCheck(4); // the second block of the product
    expect(() => model.forward(x, { instrument: false, interrupt: stop })).toThrow(Interrupted);
    expect(stop.calls).toBe(4);
  });
});
