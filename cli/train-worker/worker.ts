// The CLI's training worker thread (started by start.ts through entry.js): runs one job and posts
// its messages. An unexpected error is posted as 'internal' (the main thread exits 3 with the message).
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainJob } from './job.ts';
import type { TrainJob, WorkerMessage } from './protocol.ts';

const { job, flag } = workerData as { job: TrainJob; flag: Int32Array };
const post = (m: WorkerMessage | { type: 'internal'; message: string }) => parentPort!.postMessage(m);
try {
  await runTrainJob(job, flag, post);
} catch (e) {
  post({ type: 'internal', message: (e as Error)?.message ?? String(e) });
}
