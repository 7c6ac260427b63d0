// The bench report as a text table: one row per model (medians, ms per step) and the gemm rates.
import type { BenchReport } from '../../engine/index.ts';

/** What the bench command prints besides the measurements. */
export interface BenchHeader {
  machine: { node?: string; runtime?: string; cpu: string; cores: number; loadavg: number[]; tfjs?: string };
  kernels: string;
  notes: string[];
}

const ms = (x: number | undefined) => (x === undefined ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pad = (s: string, n: number) => s.padStart(n);

/** Lines of the human-readable report. */
export function formatBench(r: BenchReport & BenchHeader): string[] {
  const m = r.machine;
  const lines = [
    `backprop-studio bench: ${m.runtime ?? `Node ${m.node}`}, ${m.cpu} x${m.cores}` +
      `${m.loadavg.length ? `, load ${m.loadavg.join(' ')}` : ''}` +
      `${m.tfjs ? `, tfjs ${m.tfjs}` : ''}; kernels: ${r.kernels}`,
    'ms per training step (batch 32, forward + backward + Adam), median [min-max] (cpu ms); speedup = peer / ours, wall (cpu)',
  ];
  const peers = [...new Set(r.results.flatMap((x) => Object.keys(x.peers)))];
  lines.push(
    `${'model'.padEnd(8)}${pad('ours', 30)}${peers.map((p) => pad(p, 30)).join('')}${peers.map((p) => pad(`x ${p}`, 20)).join('')}`,
  );
  for (const x of r.results) {
    const cell = (s: { msMedian: number; msMin: number; msMax: number; cpuMsMedian?: number } | undefined) =>
      s ? `${ms(s.msMedian)} [${ms(s.msMin)}-${ms(s.msMax)}] (${ms(s.cpuMsMedian)})` : '-';
    lines.push(
      `${x.model.padEnd(8)}${pad(cell(x.engine), 30)}${peers.map((p) => pad(cell(x.peers[p]), 30)).join('')}` +
        peers
          .map((p) => {
            const w = x.speedup[p];
            const c = x.speedupCpu?.[p];
            return pad(
              w === undefined ? '-' : `${w.toFixed(2)}x${c === undefined ? '' : ` (${c.toFixed(2)}x)`}`,
              20,
            );
          })
          .join(''),
    );
  }
  for (const x of r.results) lines.push(`  ${x.model}: ${x.what}`);
  if (r.gemm.length) {
    lines.push('gemm n x n x n, GFLOP/s (median)');
    const gp = [...new Set(r.gemm.flatMap((g) => Object.keys(g.peers)))];
    lines.push(
      `${pad('n', 6)}${pad('ours', 10)}${gp.map((p) => pad(p, 12)).join('')}${gp.map((p) => pad(`ours/${p}`, 18)).join('')}`,
    );
    for (const g of r.gemm) {
      lines.push(
        `${pad(String(g.n), 6)}${pad(Number.isFinite(g.engine) ? g.engine.toFixed(2) : '-', 10)}${gp.map((p) => pad(g.peers[p]?.toFixed(2) ?? '-', 12)).join('')}` +
          gp
            .map((p) => pad(g.peers[p] ? `${((100 * g.engine) / g.peers[p]).toFixed(0)}%` : '-', 18))
            .join(''),
      );
    }
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines;
}
