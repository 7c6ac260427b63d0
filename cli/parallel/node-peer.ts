// The CLI's second training worker: a worker_threads Worker running the engine's shard server on the
// trainer's shared weights (engine/parallel). Falls back (the promise rejects) when it cannot start.
import { Worker } from 'node:worker_threads';
import type { PeerHandle, SpawnPeer } from '../../engine/index.ts';

/** Starts a shard worker thread with `init` and waits until it is ready. */
export const spawnNodePeer: SpawnPeer = (init) =>
  new Promise<PeerHandle>((resolve, reject) => {
    const worker = new Worker(new URL('./shard-worker.mjs', import.meta.url), { workerData: init });
    // the worker never ends by itself: don't let it keep the process alive after the run
    worker.unref();
    const timer = setTimeout(() => fail('no answer within 60 s'), 60_000);
    const fail = (message: string) => {
      clearTimeout(timer);
      void worker.terminate();
      reject(new Error(`the second training worker did not start: ${message}`));
    };
    worker.once('error', (e) => fail(e.message));
    worker.once('exit', (code) => fail(`it exited with code ${code}`));
    worker.once('message', (m: { ready?: boolean; error?: string }) => {
      if (!m.ready) return fail(m.error ?? 'no answer');
      clearTimeout(timer);
      worker.removeAllListeners('exit');
      worker.removeAllListeners('error');
      resolve({ terminate: () => void worker.terminate() });
    });
  });
