// The training worker's second worker (module worker, spawned by shard-peer.ts): receives the shared
// buffers, builds its model on the trainer's weights, says ready (or why not), then computes the
// second half of each split batch until the trainer stops it (engine/parallel/serve.ts).
import { createShardServer, type PeerInit } from '../../engine/index.ts';

self.onmessage = (e: MessageEvent<PeerInit>) => {
  self.onmessage = null;
  let server: ReturnType<typeof createShardServer>;
  try {
    server = createShardServer(e.data);
  } catch (err) {
    self.postMessage({ error: (err as Error)?.message ?? String(err) });
    return;
  }
  self.postMessage({ ready: true });
  server.serve();
  self.close();
};
