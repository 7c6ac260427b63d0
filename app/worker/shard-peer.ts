// Both cores in the browser: the training worker starts a second module worker that computes half of
// each split batch on the same weights (SharedArrayBuffer; engine/parallel). That needs a
// cross-origin isolated page (the dev and preview servers send COOP/COEP); without it, or when the
// batches are too small to split, training runs on this worker alone, with the same results.
import type { Dataset, Model, PeerHandle, ShardRunner, SpawnPeer } from '../../engine/index.ts';
import { canShareMemory, splitsBatch, startShardPeer } from '../../engine/index.ts';

/** Which mode a run trains in, and why it is one worker (for the status line's tooltip). */
export interface WorkersChoice {
  peer?: ShardRunner;
  workers: 1 | 2;
  why?: string;
}

/** Starts the shard worker and waits for its ready (rejects with its reason). */
export const spawnBrowserPeer: SpawnPeer = (init) =>
  new Promise<PeerHandle>((resolve, reject) => {
    const worker = new Worker(new URL('./shard.worker.ts', import.meta.url), {
      type: 'module',
      name: 'shard',
    });
    const fail = (message: string) => {
      worker.terminate();
      reject(new Error(message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(e.message || 'the second worker failed to start');
    };
    worker.onmessage = (e: MessageEvent<{ ready?: boolean; error?: string }>) => {
      worker.onmessage = null;
      worker.onerror = null;
      if (!e.data.ready) return fail(e.data.error ?? 'the second worker did not start');
      resolve({ terminate: () => worker.terminate() });
    };
    worker.postMessage(init);
  });

/** Two workers when this page may share memory, there is a second core and the batches split. */
export async function chooseWorkers(model: Model, dataset: Dataset): Promise<WorkersChoice> {
  const cfg = model.graph.training;
  if (!cfg) return { workers: 1 };
  if (!canShareMemory())
    return { workers: 1, why: 'this page is not cross-origin isolated, so workers cannot share memory' };
  if (typeof Worker !== 'function') return { workers: 1, why: 'workers cannot start workers here' };
  if ((globalThis.navigator?.hardwareConcurrency ?? 1) < 2)
    return { workers: 1, why: 'this computer has one core' };
  const rows = dataset.x.shape[0];
  const batchRows = cfg.batchSize === 'full' ? rows : Math.min(cfg.batchSize, rows);
  if (!splitsBatch(model, batchRows)) {
    return { workers: 1, why: `batches of ${batchRows} rows of this model are too small to split` };
  }
  try {
    const peer = await startShardPeer(model, {
      batchRows,
      seed: cfg.seed,
      data: dataset,
      spawn: spawnBrowserPeer,
    });
    return { peer, workers: 2 };
  } catch (e) {
    return { workers: 1, why: `the second worker did not start: ${(e as Error).message}` };
  }
}
