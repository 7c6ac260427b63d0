// The browser side of bench:workers --browser: the race in a module Web Worker (as the app trains),
// its shard workers started the way the app starts them (app/worker/shard-peer.ts).
import { spawnBrowserPeer } from '../../app/worker/shard-peer.ts';
import { measureWorkers } from './measure.ts';

const post = (msg: unknown) => (self as unknown as Worker).postMessage(msg);

self.onmessage = async (e: MessageEvent<{ models: string[]; rounds?: number }>) => {
  try {
    const results = await measureWorkers(e.data.models, spawnBrowserPeer, e.data.rounds, (line) =>
      post({ type: 'progress', line }),
    );
    post({ type: 'done', results, isolated: crossOriginIsolated, userAgent: navigator.userAgent });
  } catch (err) {
    post({ type: 'error', error: String((err as Error).stack ?? err) });
  }
};
