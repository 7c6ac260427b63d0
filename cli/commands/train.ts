// `backprop-studio train FILE [--epochs N] [--steps N] [--data DATA] [--json] [--save-weights OUT]
// [--load-weights IN]`: trains in Node with the same trainer the app runs in its worker. A progress bar
// on a terminal (stderr); --json prints one line per epoch and a last {"done": true, ...} line
// (ARCHITECTURE.md). Training runs in a worker thread (train-worker/): the first Ctrl-C stops within one
// chunk of work, even inside a long step, reports "stopped" and saves the last completed step's weights;
// a second Ctrl-C quits at once (exit 130).
import type { Model } from '../../engine/index.ts';
import { doneLine, epochLine, epochText, placeText } from '../../engine/index.ts';
import type { Dataset } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type CliIo, type Command } from '../command.ts';
import { handleCtrlC } from '../ctrl-c.ts';
import { printDiagnostics } from '../load.ts';
import { outputRefusal } from '../output.ts';
import { ProgressBar } from '../progress.ts';
import type { WorkersOption } from '../parallel/choose.ts';
import type { TrainJob, TrainOutcome } from '../train-worker/protocol.ts';
import { removePartial, writeWeightsFile } from '../train-worker/save.ts';
import { startTrainWorker, type TrainWorkerResult } from '../train-worker/start.ts';
import {
  compileOrReport,
  loadTrainingData,
  loadWeightsInto,
  memoryOrReport,
  readTrainableOrReport,
  readWeightsOrReport,
  specSourceOf,
} from './train-setup.ts';

const USAGE = [
  'usage: backprop-studio train FILE [--epochs N] [--steps N] [--data DATA] [--json]',
  '                              [--save-weights OUT] [--load-weights IN] [--force] [--workers N]',
  '',
  '  Trains the graph on its training.dataset (or DATA) with its training settings, in Node.',
  '  --epochs N          train N epochs instead of training.epochs (0 with --save-weights: save the',
  '                      initial weights without loading any data)',
  '  --steps N           stop after N optimizer updates at most',
  '  --data DATA         a CSV (numeric features + label column, or text,label), a plain text file,',
  '                      or an export-data folder (its rows and validation split)',
  '  --json              one JSON line per epoch: {"epoch", "step", "loss", "valLoss", "accuracy",',
  '                      "valAccuracy", "perplexity", "gradients"}, then {"done": true, "status", ...}',
  '  --save-weights OUT  write the weights when training ends: safetensors when OUT ends in',
  '                      .safetensors, else backprop-studio.weights JSON',
  '  --load-weights IN   start from these weights (safetensors or JSON) instead of a fresh init',
  '  --force             let --save-weights replace an existing file (never FILE itself)',
  '  --workers 1|2|auto  threads computing each batch (default auto: 2 when the batches are big',
  '                      enough to split and there is a second core); the same results either way',
  '  Ctrl-C stops at once, even inside a long step (which is then not applied): status "stopped",',
  '  exit 0, and --save-weights still writes the weights of the last completed step. A second',
  '  Ctrl-C quits without saving (exit 130).',
  '  Exit 1 for an invalid graph, data or weights file; 2 for wrong usage or unreadable files.',
].join('\n');

/** A non-negative whole number option, or a usage message. */
function count(name: string, v: string | boolean | undefined): number | string | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : `train: --${name} must be a whole number 0 or more, got "${v}"`;
}

/** The `train` command. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the graph on its dataset in Node (progress bar, --json lines per epoch, weights files)',
  usage: USAGE,
  async run(args, io) {
    const parsed = argsOrExit(
      this,
      args,
      {
        epochs: { type: 'string' },
        steps: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'boolean' },
        'save-weights': { type: 'string' },
        'load-weights': { type: 'string' },
        force: { type: 'boolean' },
        workers: { type: 'string' },
      },
      io,
      1,
    );
    if (typeof parsed === 'number') return parsed;
    const v = parsed.values;
    const epochs = count('epochs', v.epochs);
    const steps = count('steps', v.steps);
    for (const bad of [epochs, steps]) {
      if (typeof bad === 'string') {
        io.err(bad);
        return EXIT.usage;
      }
    }
    const workers = workersOption(v.workers);
    if (workers === null) {
      io.err(`train: --workers must be 1, 2 or auto, got "${v.workers}"`);
      return EXIT.usage;
    }
    const opts: RunOptions = {
      file: parsed.positionals[0],
      epochs: epochs as number | undefined,
      steps: steps as number | undefined,
      data: v.data as string | undefined,
      json: v.json === true,
      save: v['save-weights'] as string | undefined,
      load: v['load-weights'] as string | undefined,
      workers,
    };
    // checked before training, not after an hour of it: never the graph, an existing file only with --force
    if (opts.save !== undefined) {
      const refusal = outputRefusal([opts.save], { force: v.force === true, inputs: [opts.file] });
      if (refusal !== null) {
        io.err(`train: ${refusal}`);
        return EXIT.usage;
      }
    }
    return train(opts, io);
  },
};

interface RunOptions {
  file: string;
  epochs?: number;
  steps?: number;
  data?: string;
  json: boolean;
  save?: string;
  load?: string;
  workers: WorkersOption;
}

/** --workers as given (default auto), or null when it is none of 1, 2, auto. */
function workersOption(v: string | boolean | undefined): WorkersOption | null {
  if (v === undefined || v === 'auto') return 'auto';
  if (v === '1') return 1;
  if (v === '2') return 2;
  return null;
}

async function train(o: RunOptions, io: CliIo): Promise<number> {
  const read = await readTrainableOrReport(o.file, io);
  if (typeof read === 'number') return read;
  const { graph, analysis } = read;
  // Limits before allocation: the memory estimate first, then the data's fit, and only then the model.
  const fits = memoryOrReport(analysis, o.file, io);
  if (fits !== EXIT.ok) return fits;
  const epochs = o.epochs ?? graph.training!.epochs;
  let dataset: Dataset | null = null;
  if (epochs > 0) {
    const d = await loadTrainingData(graph, specSourceOf(graph, analysis), o.data, io);
    if (typeof d === 'number') return d;
    if (graph.training!.batchSize === 'full') {
      const full = memoryOrReport(analysis, o.file, io, d.x.shape[0]);
      if (full !== EXIT.ok) return full;
    }
    dataset = d;
  }
  if (dataset === null) {
    const model = compileOrReport(graph, o.file, io);
    if (typeof model === 'number') return model;
    if (o.load) {
      const code = await loadWeightsInto(model, o.load, io);
      if (code !== EXIT.ok) return code;
    }
    // No data needed: the initial (or loaded) weights are saved as they are.
    if (o.save && !(await save(model, o.save, io))) return EXIT.usage;
    if (o.json) io.out(JSON.stringify(doneLine({ status: 'finished', epoch: 0, step: 0, weights: o.save })));
    else io.out(`0 epochs: nothing to train${o.save ? `; saved the weights to ${o.save}` : ''}`);
    return EXIT.ok;
  }
  const weights = o.load ? await readWeightsOrReport(o.load, io) : undefined;
  if (typeof weights === 'number') return weights;
  const job: TrainJob = {
    file: o.file,
    graph,
    dataset,
    dataFile: o.data,
    epochs,
    steps: o.steps,
    save: o.save,
    workers: o.workers,
  };
  if (o.load && weights) job.load = { path: o.load, weights };
  return runInWorker(job, o, io);
}

/**
 * Trains in a worker thread so Ctrl-C is noticed while a step runs: the first stops within one chunk
 * of work (a layer, a time step, a block of rows) and saves the weights of the last completed step;
 * the second quits at once (exit 130).
 */
async function runInWorker(job: TrainJob, o: RunOptions, io: CliIo): Promise<number> {
  const bar = o.json ? null : new ProgressBar(process.stderr);
  const worker = startTrainWorker(job, (m) => {
    if (m.type === 'ready') {
      if (m.lossNote) io.err(m.lossNote);
      // stderr even with --json (stdout stays JSON lines): the run has started, Ctrl-C now stops it cleanly
      io.err(`training on ${m.dataset}${m.workers === 2 ? ' (2 workers)' : ''}`);
      if (m.workersNote) io.err(m.workersNote);
    } else if (m.type === 'epoch') {
      bar?.done();
      io.out(o.json ? JSON.stringify(epochLine(m.metrics, m.gradients)) : epochText(m.metrics, m.epochs));
    } else {
      bar?.update(m.step / m.total, `step ${m.step}/${m.total}  loss ${m.loss.toFixed(4)}`);
    }
  });
  const release = handleCtrlC(
    {
      first: () => worker.interrupt(),
      beforeExit: () => {
        if (o.save) removePartial(o.save);
      },
    },
    io,
  );
  let r: TrainWorkerResult;
  try {
    r = await worker.result;
  } finally {
    release();
    bar?.done();
  }
  if (r.kind === 'internal') {
    io.err(`internal error: ${r.message}`);
    return EXIT.internal;
  }
  if (r.kind === 'invalid') {
    if (r.diagnostics) printDiagnostics(o.file, r.diagnostics, { out: io.err, err: io.err });
    if (r.message) io.err(r.message);
    return EXIT.invalid;
  }
  const out = r.outcome;
  const saved = out.saved?.ok === true;
  if (out.saved && !out.saved.ok) io.err(out.saved.message);
  if (o.json) {
    const d = doneLine({
      status: out.status,
      epoch: out.epoch,
      step: out.step,
      last: out.last,
      divergence: out.divergence,
      weights: saved ? o.save : undefined,
      interrupted: out.interrupted && { step: out.interrupted.step, at: placeText(out.interrupted.place) },
    });
    io.out(JSON.stringify(d));
  } else {
    io.out(endText(out));
    if (saved) io.out(`saved the weights to ${o.save}${out.interrupted ? ` (after step ${out.step})` : ''}`);
  }
  return out.saved && !out.saved.ok ? EXIT.usage : EXIT.ok;
}

function endText(o: TrainOutcome): string {
  if (o.status === 'diverged')
    return `diverged: ${o.divergence?.message ?? 'a loss or gradient became non-finite'}`;
  if (o.status === 'stopped') {
    const loss = Number.isFinite(o.last.loss) ? `, loss ${o.last.loss.toFixed(4)}` : '';
    const at = `step ${o.step} (epoch ${o.epoch}/${o.epochs}${loss})`;
    const i = o.interrupted;
    if (!i) return `stopped at ${at}`;
    const where = placeText(i.place);
    if (i.place.pass === 'validation') return `stopped at ${at}, during the validation after it (${where})`;
    if (i.place.nodeId === undefined) return `stopped at ${at}, before step ${i.step} began`;
    return `stopped at ${at}: step ${i.step} was cut short in ${where} and not applied`;
  }
  return `finished: ${o.step} steps, ${o.epoch} epoch${o.epoch === 1 ? '' : 's'}${metricsText(o.last)}`;
}

/** ", loss 0.1234, accuracy 0.91, val loss …": the numbers a run ends with (as the --json line has). */
function metricsText(m: TrainOutcome['last']): string {
  const parts: string[] = [];
  const put = (name: string, v: number | undefined, digits: number) => {
    if (v !== undefined && Number.isFinite(v)) parts.push(`${name} ${v.toFixed(digits)}`);
  };
  put('loss', m.loss, 4);
  put('accuracy', m.accuracy, 3);
  put('perplexity', m.perplexity, 2);
  put('val loss', m.valLoss, 4);
  put('val accuracy', m.valAccuracy, 3);
  put('val perplexity', m.valPerplexity, 2);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** Writes the weights file; false (reported) when the file cannot be written. */
async function save(model: Model, out: string, io: CliIo): Promise<boolean> {
  const failed = await writeWeightsFile(model, out);
  if (failed !== null) io.err(failed);
  return failed === null;
}
