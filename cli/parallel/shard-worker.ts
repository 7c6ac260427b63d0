// A CLI shard worker: builds the shard server from workerData (engine/parallel/serve.ts), says ready
// (or why not), then serves shards until the trainer stops it.
import { parentPort, workerData } from 'node:worker_threads';
import { createShardServer, type PeerInit } from '../../engine/index.ts';

let server: ReturnType<typeof createShardServer> | null = null;
try {
  server = createShardServer(workerData as PeerInit);
  parentPort!.postMessage({ ready: true });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) });
}
server?.serve();
