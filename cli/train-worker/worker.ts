// The CLI's training worker thread (started by start.ts through entry.js): runs one job and posts
// its messages. An unexpected error is posted as 'internal' (the main thread exits 3 with the message).
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainJob } from './job.ts';
import type { TrainJob, WorkerMessage } from './protocol.ts';

const { job, flag } = workerData as { job: TrainJob; flag: Int32Array };
const post = (m: WorkerMessage | { type: 'internal'; message: string }) => parentPort!.postMessage(m);

// Test hook (test/train/cli-ctrl-c.test.ts): a thread stuck in work that never checks the flag, so the
// test can show the second Ctrl-C quits at once whatever the thread is doing. Never set by users.
if (process.env.BACKPROP_STUDIO_TEST_STALL_WORKER === '1') {
  post({ type: 'ready', total: 1, dataset: 'a stalled test worker' });
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

try {
  await runTrainJob(job, flag, post);
} catch (e) {
  post({ type: 'internal', message: (e as Error)?.message ?? String(e) });
}
