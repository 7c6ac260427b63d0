// The worker's API in Node, on the real engine: loading the examples, training in chunks, divergence
// reported on the right node, uploads with line/column errors, inference. trainer.worker.ts imports here
// without exposing anything (Comlink.expose runs only inside a worker).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../app/worker/api.ts';
import type { LoopClock } from '../../app/worker/loop.ts';
import type { Progress } from '../../app/worker/protocol.ts';
import { inWorker, workerApi } from '../../app/worker/trainer.worker.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const example = (name: string): Graph =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));

/** A simulated clock whose yield pauses the loop after `chunks` chunks. Each reading is 50 ms after
 *  the last (every chunk looks slower than the loop's target), so chunks stay one step long and the
 *  steps, instrumentation and progress are the same on any machine under any load (a real clock made
 *  the run end before the 40th chunk on a busy machine). */
function stopAfter(chunks: number, pause: () => void): LoopClock {
  let t = 0;
  let n = 0;
  return {
    now: () => {
      t += 50;
      return t;
    },
    yield: async () => {
      if (++n === chunks) pause();
    },
  };
}

function spirals(): Graph {
  const g = example('mlp-spirals');
  g.training!.dataset.options = { n: 200, noise: 0.1, classes: 2 };
  return g;
}

describe('worker API', () => {
  it("simulateFault('silence') (the watchdog's test hook): training goes on, progress stops", async () => {
    const got: Progress[] = [];
    const api = createWorkerApi();
    expect((await api.load(spirals(), { kind: 'builtin' }, (p) => got.push(p))).ok).toBe(true);
    api.stepOnce();
    const heard = got.length;
    expect(heard).toBeGreaterThan(0);
    api.simulateFault('silence');
    api.stepOnce();
    api.stepOnce();
    expect(got).toHaveLength(heard);
    api.simulateFault('close'); // no worker global close() in Node: nothing happens
  });

  it('beats from inside a step (for the watchdog), at most once per interval, never stopping it', async () => {
    const events: string[] = [];
    let t = 0;
    // every reading of the beat clock is 600 ms later: a beat at every second check
    const api = createWorkerApi(undefined, undefined, () => (t += 600));
    const r = await api.load(
      spirals(),
      { kind: 'builtin' },
      () => events.push('progress'),
      () => events.push('alive'),
    );
    expect(r.ok).toBe(true);
    api.stepOnce();
    expect(events.at(-1)).toBe('progress');
    const beats = events.filter((e) => e === 'alive').length;
    expect(beats).toBeGreaterThan(2); // input, 3 Dense, softmax, backward, validation: many checks
    expect(events.indexOf('alive')).toBeLessThan(events.indexOf('progress')); // during the step
    api.simulateFault('silence'); // a wedged worker says nothing at all
    api.stepOnce();
    expect(events.filter((e) => e === 'alive').length).toBe(beats);
  });

  it('imports in Node without exposing itself', () => {
    expect(inWorker()).toBe(false);
    expect(typeof workerApi.load).toBe('function');
  });

  it('trains the spirals MLP: steps count up, every edge gets a finite gradient norm', async () => {
    const got: Progress[] = [];
    const api = createWorkerApi(
      undefined,
      stopAfter(6, () => api.pause()),
    );
    const r = await api.load(spirals(), { kind: 'builtin' }, (p) => got.push(p));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.info.recurrent).toEqual([]);
    expect(r.info.inputShape).toEqual([2]);
    await api.start();
    const last = got.at(-1)!;
    expect(last.status).toBe('paused');
    expect(got.reduce((n, p) => n + p.losses.length, 0)).toBe(last.step);
    for (const e of ['e1', 'e2', 'e3']) expect(Number.isFinite(last.edges[e])).toBe(true);
    const grid = api.grid(8);
    expect(grid?.probs.length).toBe(8 * 8 * 2);
    expect(grid?.labels.length).toBe(grid!.points.length / 2);
  });

  it('reports per-time-step norms of the recurrent node and Step advances exactly one', async () => {
    const g = example('vanishing-rnn-recall');
    g.training!.dataset.options = { ...g.training!.dataset.options, n: 100 };
    const got: Progress[] = [];
    const api = createWorkerApi();
    const r = await api.load(g, { kind: 'builtin' }, (p) => got.push(p));
    expect(r.ok && r.info.recurrent).toEqual(['rec']);
    api.stepOnce();
    api.stepOnce();
    expect(got.map((p) => p.step)).toEqual([1, 2]);
    const ts = got[1].timesteps;
    expect(ts.ids).toEqual(['rec']);
    expect(ts.offsets).toEqual([0, 50]); // the example reads T = 50 tokens
    expect(Array.from(ts.data).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('an RNN(relu) with SGD lr 5 diverges at node rec; clipping by norm 1 or by value 0.1 trains', async () => {
    const g = example('vanishing-rnn-recall');
    g.nodes[2].params = { ...g.nodes[2].params, activation: 'relu' } as never;
    g.training!.optimizer = { type: 'sgd', lr: 5 } as never;
    g.training!.dataset.options = { ...g.training!.dataset.options, n: 400 };
    const got: Progress[] = [];
    // no pause: the run ends by diverging (at a step fixed by the seed, not by the machine)
    const api = createWorkerApi(
      undefined,
      stopAfter(100_000, () => api.pause()),
    );
    await api.load(g, { kind: 'builtin' }, (p) => got.push(p));
    await api.start();
    expect(got.at(-1)?.status).toBe('diverged');
    expect(got.at(-1)?.divergence?.nodeId).toBe('rec');
    g.training!.clip = { type: 'norm', max: 1 };
    const clipped: Progress[] = [];
    const api2 = createWorkerApi(
      undefined,
      stopAfter(40, () => api2.pause()),
    );
    await api2.load(g, { kind: 'builtin' }, (p) => clipped.push(p));
    await api2.start();
    expect(clipped.at(-1)?.status).toBe('paused');
    expect(clipped.at(-1)?.step).toBeGreaterThan(20);
    expect(Number.isFinite(clipped.at(-1)?.loss)).toBe(true);
    g.training!.clip = { type: 'value', max: 0.1 };
    const byValue: Progress[] = [];
    const api3 = createWorkerApi(
      undefined,
      stopAfter(40, () => api3.pause()),
    );
    await api3.load(g, { kind: 'builtin' }, (p) => byValue.push(p));
    await api3.start();
    expect(byValue.at(-1)?.status).toBe('paused');
    expect(byValue.at(-1)?.step).toBeGreaterThan(20);
  });

  it('a malformed CSV upload fails with its line and column', async () => {
    const api = createWorkerApi();
    const csv = 'x,y,label\n0.1,0.2,0\n0.3,oops,1\n';
    const r = await api.load(
      spirals(),
      { kind: 'upload', uploadKind: 'csv', name: 'bad.csv', text: csv },
      () => {},
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.line).toBe(3);
    expect(r.column).toBeGreaterThan(0);
    expect(r.message).toMatch(/^bad\.csv: /);
  });

  it('previews a few rows of an uploaded CSV with the shapes they make', async () => {
    const api = createWorkerApi();
    const rows = Array.from(
      { length: 20 },
      (_, i) => `${(i / 10).toFixed(1)},${(1 - i / 10).toFixed(1)},${i % 2}`,
    );
    const r = await api.preview(spirals(), {
      kind: 'upload',
      uploadKind: 'csv',
      name: 'pts.csv',
      text: `a,b,label\n${rows.join('\n')}\n`,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.xShape).toEqual([20, 2]);
    expect(r.preview.rows).toHaveLength(5);
  });

  it('answers the top-5 next characters of the names LSTM with probabilities summing to at most 1', async () => {
    const g = example('char-lstm-names');
    const api = createWorkerApi();
    const r = await api.load(g, { kind: 'builtin' }, () => {});
    expect(r.ok).toBe(true);
    api.stepOnce();
    const top = api.topK('ma', 5);
    expect(top).toHaveLength(5);
    const sum = top.reduce((s, t) => s + t.prob, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-6);
    expect(top[0].prob).toBeGreaterThanOrEqual(top[4].prob);
  });
});
