// The seam between the CLI and its training thread: startTrainWorker(job) runs a TrainJob in a
// worker_thread and shares an interrupt flag with it, so the main thread stays free to notice Ctrl-C
// while a step runs (a synchronous step used to hold the event loop for minutes). Messages arrive
// through onMessage; the result says how it ended, and never carries a stack trace.
import { Worker } from 'node:worker_threads';
import type { TrainJob, TrainOutcome, WorkerMessage } from './protocol.ts';

/** How a worker run ended. */
export type TrainWorkerResult =
  | { kind: 'done'; outcome: TrainOutcome }
  | {
      kind: 'invalid';
      message?: string;
      diagnostics?: Extract<WorkerMessage, { type: 'invalid' }>['diagnostics'];
    }
  /** a bug of ours, or the thread died (out of memory, killed): exit 3 with this message */
  | { kind: 'internal'; message: string };

/** A running training thread. */
export interface TrainWorker {
  readonly result: Promise<TrainWorkerResult>;
  /** Asks the run to stop: the engine notices within one chunk of work and the run ends 'stopped'. */
  interrupt(): void;
  /** Ends the thread at once (the second Ctrl-C). */
  terminate(): Promise<number>;
}

type Progress = Exclude<WorkerMessage, { type: 'done' } | { type: 'invalid' }>;

/** Starts `job` on a new worker thread; progress, epoch and ready messages go to onMessage in order. */
export function startTrainWorker(
  job: TrainJob,
  onMessage: (m: Progress) => void,
  flag: Int32Array = new Int32Array(new SharedArrayBuffer(4)),
): TrainWorker {
  const worker = new Worker(new URL('./entry.js', import.meta.url), { workerData: { job, flag } });
  const result = new Promise<TrainWorkerResult>((resolve) => {
    let settled = false;
    const settle = (r: TrainWorkerResult) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    worker.on('message', (m: WorkerMessage | { type: 'internal'; message: string }) => {
      if (m.type === 'done') settle({ kind: 'done', outcome: m.outcome });
      else if (m.type === 'invalid')
        settle({ kind: 'invalid', message: m.message, diagnostics: m.diagnostics });
      else if (m.type === 'internal') settle({ kind: 'internal', message: m.message });
      else if (!settled) onMessage(m);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const message =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'the training thread ran out of memory'
          : `the training thread failed: ${e.message}`;
      settle({ kind: 'internal', message });
    });
    worker.on('exit', (code) => {
      settle({ kind: 'internal', message: `the training thread stopped unexpectedly (exit code ${code})` });
    });
  });
  return {
    result,
    interrupt: () => {
      Atomics.store(flag, 0, 1);
    },
    terminate: () => worker.terminate(),
  };
}
