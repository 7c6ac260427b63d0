// Entry of a CLI shard worker (worker_threads): register tsx's loader, as bin/ does, then run the
// TypeScript side. Plain JavaScript so Node starts it without a loader.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
