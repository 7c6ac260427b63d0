// `backprop-studio bench [--json] [--model NAME]`: our engine raced against TensorFlow.js (wasm and
// cpu backends) on the six models of the performance issue, plus the gemm GFLOP/s table.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCH_MODEL_NAMES, type BenchReport, type Peer, runBench } from '../../engine/index.ts';
import { kernelsName } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { loadTfjs, TFJS_KERNEL_NOTE, tfjsPeer } from '../bench/tfjs-peer.ts';
import { formatBench } from '../bench/table.ts';

/** The `bench` command. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'race the engine against TensorFlow.js (wasm, cpu) on six models; gemm GFLOP/s',
  usage: [
    'usage: backprop-studio bench [--json] [--model NAME] [--repeats N] [--no-peers] [--peer NAME] [--no-gemm] [--tiny]',
    '',
    '  Trains each model (batch 32, forward + backward + Adam) with our engine and with TensorFlow.js',
    '  4.22 on its wasm and cpu backends, steps interleaved, and prints medians after a warm-up (min,',
    "  max, CPU time) and each peer's time over ours. Then n x n x n matrix products, n = 64..512.",
    `  Models: ${BENCH_MODEL_NAMES.join(', ')}. All six take several minutes; the machine's other load`,
    '  moves the absolute times, the ratios hold better.',
    '  --json       print {"machine", "kernels", "notes", "results": [{"model", "engine": {"msMedian",',
    '               "msMin", "msMax", "cpuMsMedian"}, "peers": {"tfjs-wasm": {...}, "tfjs-cpu": {...}},',
    '               "speedup": {"tfjs-wasm": x, "tfjs-cpu": y}}], "gemm": [{"n", "engine", "peers"}]}',
    '  --model NAME one model only (repeatable: --model mlp --model srnn)',
    '  --repeats N  timed steps per side (default per model: 41 for mlp down to 5 for imdb200)',
    '  --no-peers   our engine alone (no TensorFlow.js)',
    '  --peer NAME  only this TensorFlow.js backend (tfjs-wasm or tfjs-cpu; repeatable)',
    '  --no-gemm    skip the gemm table (saves minutes when timing one model)',
    '  --torch      also PyTorch on one thread (/usr/bin/python3, scripts/bench/torch_peer.py), in a child',
    '               process after the interleaved runs (so not interleaved): peer "pytorch-1thread"',
    '  --tiny       1 warm-up and 1 timed step, gemm at 16 only: checks that the benchmark runs',
    '  Warm-up: each side first runs untimed steps for 1.5 s (at least 2, at most 200) so the JIT is done.',
  ].join('\n'),
  async run(args, io) {
    const spec = {
      json: { type: 'boolean' },
      model: { type: 'string', multiple: true },
      repeats: { type: 'string' },
      'no-peers': { type: 'boolean' },
      peer: { type: 'string', multiple: true },
      'no-gemm': { type: 'boolean' },
      torch: { type: 'boolean' },
      tiny: { type: 'boolean' },
    } as const;
    const parsed = argsOrExit(this, args, spec, io, 0);
    if (typeof parsed === 'number') return parsed;
    const v = parsed.values as Record<string, unknown>;
    const models = (v.model as string[] | undefined) ?? [...BENCH_MODEL_NAMES];
    for (const m of models) {
      if (!(BENCH_MODEL_NAMES as readonly string[]).includes(m)) {
        io.err(`bench: unknown model "${m}"; the models are ${BENCH_MODEL_NAMES.join(', ')}`);
        return EXIT.usage;
      }
    }
    const tiny = v.tiny === true;
    let repeats: number | undefined = tiny ? 1 : undefined;
    if (typeof v.repeats === 'string') {
      repeats = Number(v.repeats);
      if (!Number.isInteger(repeats) || repeats < 1) {
        io.err(`bench: --repeats needs a whole number >= 1, got "${v.repeats}"`);
        return EXIT.usage;
      }
    }
    const peerNames = (v.peer as string[] | undefined) ?? ['tfjs-wasm', 'tfjs-cpu'];
    for (const p of peerNames) {
      if (p !== 'tfjs-wasm' && p !== 'tfjs-cpu') {
        io.err(`bench: unknown peer "${p}"; the peers are tfjs-wasm, tfjs-cpu`);
        return EXIT.usage;
      }
    }
    const notes: string[] = [];
    let peers: Peer[] = [];
    let tfjsVersion: string | undefined;
    if (v['no-peers'] !== true) {
      try {
        tfjsVersion = (await loadTfjs()).version;
        peers = peerNames.map((p) => tfjsPeer(p === 'tfjs-wasm' ? 'wasm' : 'cpu'));
        notes.push(TFJS_KERNEL_NOTE);
      } catch (e) {
        notes.push(`TensorFlow.js not available (${(e as Error).message.split('\n')[0]}): engine only`);
      }
    }
    const report: BenchReport = await runBench(peers, {
      models,
      repeats,
      warmup: tiny ? 1 : undefined,
      warmupMs: tiny ? 0 : undefined,
      gemmSizes: v['no-gemm'] === true ? [] : tiny ? [16] : undefined,
      gemmRepeats: tiny ? 1 : undefined,
      progress: v.json === true ? undefined : (line) => io.err(`  ... ${line}`),
    });
    if (v.torch === true) addTorch(report, models, repeats, notes);
    const machine = {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
      ...(tfjsVersion ? { tfjs: tfjsVersion } : {}),
    };
    const full = { machine, kernels: kernelsName(), notes, ...report };
    if (v.json === true) io.out(JSON.stringify(full));
    else for (const line of formatBench(full)) io.out(line);
    return EXIT.ok;
  },
};

/** Runs the PyTorch peer (one thread) and adds it to each model's peers and speedups. */
function addTorch(report: BenchReport, models: string[], repeats: number | undefined, notes: string[]): void {
  const script = fileURLToPath(new URL('../../scripts/bench/torch_peer.py', import.meta.url));
  const args = [script, '--repeats', String(repeats ?? 7), ...models.flatMap((m) => ['--model', m])];
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  try {
    if (run.status !== 0) throw new Error(run.stderr?.trim().split('\n').at(-1) ?? `exit ${run.status}`);
    const torch = JSON.parse(run.stdout) as {
      torch: string;
      results: Record<string, BenchReport['results'][0]['engine']>;
    };
    for (const r of report.results) {
      const st = torch.results[r.model];
      if (!st) continue;
      r.peers['pytorch-1thread'] = st;
      r.speedup['pytorch-1thread'] = st.msMedian / r.engine.msMedian;
      if (st.cpuMsMedian && r.engine.cpuMsMedian) {
        r.speedupCpu ??= {};
        r.speedupCpu['pytorch-1thread'] = st.cpuMsMedian / r.engine.cpuMsMedian;
      }
    }
    notes.push(
      `pytorch-1thread: torch ${torch.torch}, torch.set_num_threads(1), measured in a child process after the interleaved runs`,
    );
  } catch (e) {
    notes.push(`PyTorch not measured (${(e as Error).message})`);
  }
}
