// The benchmark runs end to end (tiny sizes: the numbers are not asserted, only their form), and
// the timing helpers compute what they say.
import { describe, expect, it } from 'vitest';
import { benchCommand } from '../../cli/commands/bench.ts';
import { runBench } from '../../engine/bench/index.ts';
import { median, timeRuns } from '../../engine/bench/timing.ts';

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

  it('runBench measures gemm, dense, lstm, gru and rnn', () => {
    const r = runBench({ tiny: true });
    expect(r.map((e) => e.name)).toEqual(['gemm', 'dense', 'lstm', 'gru', 'rnn']);
    for (const e of r) {
      expect(e.medianMs).toBeGreaterThan(0);
      expect(Number.isFinite(e.gflops)).toBe(true);
    }
  });

  it('`bench --tiny --json` prints one JSON line with the results', async () => {
    const out: string[] = [];
    const code = await benchCommand.run(['--tiny', '--json'], { out: (l) => out.push(l), err: () => {} });
    expect(code).toBe(0);
    const parsed = JSON.parse(out.join('\n'));
    expect(parsed.results.map((e: { name: string }) => e.name)).toEqual(['gemm', 'dense', 'lstm', 'gru', 'rnn']);
  });
});
