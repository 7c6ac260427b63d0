// The training run itself, as the CLI's worker thread executes it (worker.ts), callable in-process too:
// compile, load the starting weights, train step by step while posting progress, stop when the shared
// flag is set (inside a step: the engine checks it between layers, time steps and row blocks), then
// write the weights of the last completed step. Nothing here prints: the main thread reports.
import {
  CompileError,
  compileModel,
  createTrainer,
  type EpochMetrics,
  type InterruptCheck,
  type Model,
  type ShardRunner,
  sharedInterrupt,
  TargetsError,
  type Trainer,
} from '../../engine/index.ts';
import { shardPeerFor } from '../parallel/choose.ts';
import type { TrainJob, TrainOutcome, WorkerMessage } from './protocol.ts';
import { writeWeightsFile } from './save.ts';

/** Runs `job`, posting messages; Atomics.store(flag, 0, 1) from another thread stops it. */
export async function runTrainJob(
  job: TrainJob,
  flag: Int32Array,
  post: (m: WorkerMessage) => void,
  now: () => number = Date.now,
): Promise<void> {
  const model = compileOrPost(job, post);
  if (model === null) return;
  if (job.load) {
    try {
      model.setWeights(job.load.weights);
    } catch (e) {
      post({ type: 'invalid', message: `${job.load.path}: ${(e as Error).message}` });
      return;
    }
  }
  // a second worker on the shared weights computes half of each split batch (same bits as one)
  const { peer, note: workersNote } = await shardPeerFor(model, job.dataset, job.workers ?? 'auto', flag);
  try {
    await train(job, model, flag, post, now, peer, workersNote);
  } finally {
    peer?.close();
  }
}

async function train(
  job: TrainJob,
  model: Model,
  flag: Int32Array,
  post: (m: WorkerMessage) => void,
  now: () => number,
  peer: ShardRunner | undefined,
  workersNote: string | undefined,
): Promise<void> {
  let trainer: Trainer;
  // 'ready' goes out from the first check, i.e. when step 1 has begun: a Ctrl-C after the user sees
  // "training on ..." then always lands inside a step (what the CLI tests rely on)
  const flagCheck = sharedInterrupt(flag);
  let ready: WorkerMessage | null = null;
  const interrupt: InterruptCheck = {
    requested() {
      const stop = flagCheck.requested();
      if (ready) {
        post(ready);
        ready = null;
      }
      return stop;
    },
  };
  try {
    trainer = createTrainer(job.graph, job.dataset, {
      model,
      epochs: job.epochs,
      instrumentEvery: Number.POSITIVE_INFINITY,
      interrupt,
      peer,
    });
  } catch (e) {
    if (!(e instanceof TargetsError)) throw e;
    post({ type: 'invalid', message: `${job.dataFile ?? job.file}: ${e.message}` });
    return;
  }
  const total = Math.min(trainer.epochs * trainer.stepsPerEpoch, job.steps ?? Number.POSITIVE_INFINITY);
  ready = {
    type: 'ready',
    total,
    lossNote: trainer.lossNote,
    dataset: `${job.dataset.id}: ${job.dataset.description}`,
    workers: trainer.workers,
  };
  if (workersNote) ready.workersNote = workersNote;
  const every = job.progressEveryMs ?? 100;
  let lastPost = Number.NEGATIVE_INFINITY;
  while (trainer.stepCount < total && !trainer.done) {
    const s = trainer.step(1);
    if (s.epochEnd)
      post({ type: 'epoch', metrics: s.epochEnd, gradients: s.gradients, epochs: trainer.epochs });
    if (s.status === 'diverged' || s.status === 'stopped') break;
    if (now() - lastPost >= every || s.epochEnd) {
      lastPost = now();
      post({ type: 'progress', step: trainer.stepCount, total, loss: s.loss });
    }
  }
  if (ready) post(ready); // no step ran (--steps 0)
  const outcome = outcomeOf(trainer);
  if (job.save) {
    const failed = await writeWeightsFile(model, job.save);
    outcome.saved = failed === null ? { ok: true, path: job.save } : { ok: false, message: failed };
  }
  post({ type: 'done', outcome });
}

function compileOrPost(job: TrainJob, post: (m: WorkerMessage) => void): Model | null {
  try {
    return compileModel(job.graph);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    post({ type: 'invalid', diagnostics: e.diagnostics });
    return null;
  }
}

function outcomeOf(trainer: Trainer): TrainOutcome {
  const snap = trainer.snapshot();
  // Without a completed epoch, the done line reports the last steps' training metrics.
  const last: EpochMetrics = trainer.history.at(-1) ?? {
    epoch: 0,
    step: snap.step,
    loss: snap.loss,
    ...(snap.accuracy !== undefined ? { accuracy: snap.accuracy } : {}),
    ...(snap.perplexity !== undefined ? { perplexity: snap.perplexity } : {}),
  };
  const status =
    trainer.status === 'diverged' ? 'diverged' : trainer.status === 'stopped' ? 'stopped' : 'finished';
  const o: TrainOutcome = {
    status,
    epoch: trainer.epoch,
    epochs: trainer.epochs,
    step: trainer.stepCount,
    last,
  };
  if (snap.divergence) o.divergence = snap.divergence;
  if (trainer.interruption) o.interrupted = trainer.interruption;
  return o;
}
