// The benchmark runs end to end at tiny repeat counts (the numbers are not asserted, only their form:
// timing is never tested), and the timing helpers compute what they say.
import { describe, expect, it } from 'vitest';
import { benchCommand } from '../../cli/commands/bench.ts';
import { benchModels, BENCH_MODEL_NAMES } from '../../engine/bench/index.ts';
import { median, timeRuns } from '../../engine/bench/timing.ts';
import { compileModel } from '../../engine/model.ts';

async function bench(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await benchCommand.run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('bench', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('timeRuns runs warm-up plus repeats and times each repeat', () => {
    let calls = 0;
    const t = timeRuns(() => calls++, 4, 2);
    expect(calls).toBe(6);
    expect(t.wallMs).toHaveLength(4);
    expect(t.cpuMs).toHaveLength(4); // Node has process.cpuUsage
  });

  it('the six models compile and their synthetic data fits them', () => {
    expect(benchModels().map((m) => m.name)).toEqual([...BENCH_MODEL_NAMES]);
    for (const m of benchModels()) {
      const model = compileModel(m.graph);
      const d = m.data(2);
      expect(d.x.shape.slice(1)).toEqual(model.inputShape);
      const out = model.forward(d.x);
      expect(out.shape[0]).toBe(2);
    }
  });

  it('`bench --tiny --json --model mlp` races TensorFlow.js and prints the issue\'s JSON shape', async () => {
    const r = await bench(['--tiny', '--json', '--model', 'mlp']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out);
    expect(parsed.machine.tfjs).toBe('4.22.0');
    expect(parsed.results).toHaveLength(1);
    const res = parsed.results[0];
    expect(res.model).toBe('mlp');
    for (const side of [res.engine, res.peers['tfjs-wasm'], res.peers['tfjs-cpu']]) {
      expect(Object.keys(side)).toEqual(expect.arrayContaining(['msMedian', 'msMin', 'msMax', 'cpuMsMedian']));
      expect(side.msMin).toBeLessThanOrEqual(side.msMax);
    }
    expect(res.speedup['tfjs-wasm']).toBeCloseTo(res.peers['tfjs-wasm'].msMedian / res.engine.msMedian, 10);
    expect(parsed.gemm.map((g: { n: number }) => g.n)).toEqual([16]);
    expect(Object.keys(parsed.gemm[0].peers)).toEqual(['tfjs-wasm', 'tfjs-cpu']);
    expect(parsed.notes.join(' ')).toMatch(/UnsortedSegmentSum/);
  });

  it('`bench --no-peers` runs the engine alone and prints a table', async () => {
    const r = await bench(['--tiny', '--no-peers', '--model', 'srnn']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^srnn /m);
    expect(r.out).toMatch(/GFLOP\/s/);
  });

  it('an unknown model is a usage error naming the models', async () => {
    const r = await bench(['--model', 'resnet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown model "resnet".*mlp, srnn, lstm32, charlm, imdb50, imdb200/);
  });
});
