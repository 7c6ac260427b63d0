// `backprop-studio train FILE [--epochs N] [--steps N] [--data DATA] [--json] [--save-weights OUT]
// [--load-weights IN]`: trains in Node with the same trainer the app runs in its worker. A progress bar
// on a terminal (stderr); --json prints one line per epoch and a last {"done": true, ...} line
// (ARCHITECTURE.md). Ctrl-C stops after the current step, reports "stopped" and still saves.
import { writeFile } from 'node:fs/promises';
import type { Model } from '../../engine/index.ts';
import { doneLine, epochLine, epochText } from '../../engine/index.ts';
import { TargetsError } from '../../engine/index.ts';
import { createTrainer, type Trainer } from '../../engine/index.ts';
import { encodeSafetensors, isSafetensorsName } from '../../engine/index.ts';
import { weightsToText } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type CliIo, type Command } from '../command.ts';
import { outputRefusal } from '../output.ts';
import { ProgressBar } from '../progress.ts';
import type { Dataset } from '../../engine/index.ts';
import {
  compileOrReport,
  loadTrainingData,
  loadWeightsInto,
  memoryOrReport,
  readTrainableOrReport,
  specSourceOf,
} from './train-setup.ts';

const USAGE = [
  'usage: backprop-studio train FILE [--epochs N] [--steps N] [--data DATA] [--json]',
  '                              [--save-weights OUT] [--load-weights IN] [--force]',
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
  '  Ctrl-C stops after the current step (status "stopped") and still saves.',
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
    const opts: RunOptions = {
      file: parsed.positionals[0],
      epochs: epochs as number | undefined,
      steps: steps as number | undefined,
      data: v.data as string | undefined,
      json: v.json === true,
      save: v['save-weights'] as string | undefined,
      load: v['load-weights'] as string | undefined,
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
  const model = compileOrReport(graph, o.file, io);
  if (typeof model === 'number') return model;
  if (o.load) {
    const code = await loadWeightsInto(model, o.load, io);
    if (code !== EXIT.ok) return code;
  }
  if (dataset === null) {
    // No data needed: the initial (or loaded) weights are saved as they are.
    if (o.save && !(await save(model, o.save, io))) return EXIT.usage;
    if (o.json) io.out(JSON.stringify(doneLine({ status: 'finished', epoch: 0, step: 0, weights: o.save })));
    else io.out(`0 epochs: nothing to train${o.save ? `; saved the weights to ${o.save}` : ''}`);
    return EXIT.ok;
  }
  let trainer: Trainer;
  try {
    trainer = createTrainer(graph, dataset, { model, epochs, instrumentEvery: Number.POSITIVE_INFINITY });
  } catch (e) {
    if (!(e instanceof TargetsError)) throw e;
    io.err(`${o.data ?? o.file}: ${e.message}`);
    return EXIT.invalid;
  }
  if (trainer.lossNote) io.err(trainer.lossNote);
  if (!o.json) io.err(`training on ${dataset.id}: ${dataset.description}`);
  const status = await loop(trainer, o, io);
  const saved = o.save ? await save(model, o.save, io) : true;
  const snap = trainer.snapshot();
  // Without a completed epoch, the done line reports the last steps' training metrics.
  const last = trainer.history.at(-1) ?? {
    epoch: 0,
    step: snap.step,
    loss: snap.loss,
    accuracy: snap.accuracy,
    perplexity: snap.perplexity,
  };
  if (o.json) {
    const d = doneLine({
      status,
      epoch: trainer.epoch,
      step: trainer.stepCount,
      last,
      divergence: snap.divergence,
      weights: saved ? o.save : undefined,
    });
    io.out(JSON.stringify(d));
  } else {
    io.out(endText(status, trainer, snap.divergence?.message));
    if (o.save && saved) io.out(`saved the weights to ${o.save}`);
  }
  return saved ? EXIT.ok : EXIT.usage;
}

/** Steps until done, diverged, stopped by Ctrl-C or the --steps cap; returns the final status. */
async function loop(
  trainer: Trainer,
  o: RunOptions,
  io: CliIo,
): Promise<'finished' | 'diverged' | 'stopped'> {
  const bar = o.json ? null : new ProgressBar(process.stderr);
  const total = Math.min(trainer.epochs * trainer.stepsPerEpoch, o.steps ?? Number.POSITIVE_INFINITY);
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: the user really wants out now
    interrupted = true;
    trainer.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    while (trainer.stepCount < total && !trainer.done) {
      const s = trainer.step(1);
      if (s.status === 'diverged' || s.status === 'stopped') break;
      if (s.epochEnd) {
        bar?.done();
        io.out(
          o.json ? JSON.stringify(epochLine(s.epochEnd, s.gradients)) : epochText(s.epochEnd, trainer.epochs),
        );
      }
      bar?.update(trainer.stepCount / total, `step ${trainer.stepCount}/${total}  loss ${s.loss.toFixed(4)}`);
      // Yield to the event loop so Ctrl-C is noticed between steps.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    process.off('SIGINT', onSigint);
    bar?.done();
  }
  if (trainer.status === 'diverged') return 'diverged';
  if (interrupted || trainer.status === 'stopped') return 'stopped';
  return 'finished';
}

function endText(status: string, t: Trainer, divergence?: string): string {
  if (status === 'diverged') return `diverged: ${divergence ?? 'a loss or gradient became non-finite'}`;
  if (status === 'stopped') return `stopped at step ${t.stepCount} (epoch ${t.epoch}/${t.epochs})`;
  return `finished: ${t.stepCount} steps, ${t.epoch} epoch${t.epoch === 1 ? '' : 's'}`;
}

/** Writes the weights file; false (reported) when the file cannot be written. */
async function save(model: Model, out: string, io: CliIo): Promise<boolean> {
  try {
    const w = model.getWeights();
    // float64 models keep their precision in safetensors too
    const dtype = model.dtype === 'float64' ? 'F64' : 'F32';
    await writeFile(out, isSafetensorsName(out) ? encodeSafetensors(w, { dtype }) : weightsToText(w));
    return true;
  } catch (e) {
    io.err(`cannot write the weights to ${out}: ${(e as Error).message}`);
    return false;
  }
}
