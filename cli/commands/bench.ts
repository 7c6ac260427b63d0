// `backprop-studio bench [--json] [--quick]`: the performance benchmark (forward+backward medians of
// an LSTM(128) over T=64 with batch 32 and a Dense 256x256 with batch 256, plus the gemm rate).
import { runBench } from '../../engine/bench/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';

/** The `bench` command. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'measure the engine: forward+backward medians of LSTM(128) and Dense 256x256, gemm GFLOP/s',
  usage: [
    'usage: backprop-studio bench [--json] [--quick] [--float64] [--tiny]',
    '',
    '  Times forward+backward (median of repeated runs after a warm-up) of',
    '    LSTM(128) (also GRU and RNN), T=64, batch 32, input 128, and Dense 256x256 relu, batch 256,',
    '  both compiled with compileModel, plus a 256x256x256 gemm with the active kernels.',
    '  Takes about a minute on a free core; other load on the machine slows it down.',
    '  --json     print {"dtype", "node", "results": [{"name", "what", "medianMs", "cpuMedianMs",',
    '             "runs", "gflops"}]} (ms per forward+backward; gflops from the wall-clock median)',
    '  --quick    fewer repeats (a rough number in a few seconds)',
    '  --float64  run in float64 instead of float32',
    '  --tiny     tiny sizes: only checks that the benchmark runs (the numbers mean nothing)',
  ].join('\n'),
  async run(args, io) {
    const spec = {
      json: { type: 'boolean' },
      quick: { type: 'boolean' },
      float64: { type: 'boolean' },
      tiny: { type: 'boolean' },
    } as const;
    const parsed = argsOrExit(this, args, spec, io, 0);
    if (typeof parsed === 'number') return parsed;
    const dtype = parsed.values.float64 === true ? 'float64' : 'float32';
    const results = runBench({
      quick: parsed.values.quick === true,
      tiny: parsed.values.tiny === true,
      dtype,
    });
    if (parsed.values.json === true) {
      io.out(JSON.stringify({ dtype, node: process.version, results }));
      return EXIT.ok;
    }
    io.out(`backprop-studio bench (${dtype}, Node ${process.version})`);
    for (const r of results) {
      const cpu = r.cpuMedianMs !== undefined ? ` (cpu ${r.cpuMedianMs.toFixed(1)} ms)` : '';
      io.out(`  ${r.what}`);
      io.out(
        `      median ${r.medianMs.toFixed(1)} ms${cpu} over ${r.runs} runs, ${r.gflops.toFixed(2)} GFLOP/s`,
      );
    }
    return EXIT.ok;
  },
};
