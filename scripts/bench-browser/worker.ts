// The engine benchmark inside a Web Worker: the same models, trainer and gemm table as `npm run bench`
// (engine/bench), with no peers. Kernels: "default" (what the app uses: WebAssembly SIMD where the
// browser has it), or "ts" (the TypeScript reference kernels, the engine's speed before them).
import { BENCH_MODEL_NAMES, runBench } from '../../engine/bench/index.ts';
import { kernelsName, setKernels, tsKernels } from '../../engine/kernels/index.ts';

interface Request {
  models: string[];
  kernels: 'default' | 'ts';
  repeats?: number;
  tiny: boolean;
}

const post = (msg: unknown) => (self as unknown as Worker).postMessage(msg);

self.onmessage = async (e: MessageEvent) => {
  const req = e.data as Request;
  try {
    if (req.kernels === 'ts') setKernels(tsKernels);
    const report = await runBench([], {
      models: req.models.length ? req.models : BENCH_MODEL_NAMES,
      repeats: req.tiny ? 1 : req.repeats,
      warmup: req.tiny ? 1 : undefined,
      warmupMs: req.tiny ? 0 : undefined,
      gemmSizes: req.tiny ? [16] : undefined,
      gemmRepeats: req.tiny ? 1 : undefined,
      progress: (line) => post({ type: 'progress', line }),
    });
    post({ type: 'done', report, kernels: kernelsName(), userAgent: navigator.userAgent });
  } catch (err) {
    post({ type: 'error', error: String((err as Error).stack ?? err) });
  }
};
