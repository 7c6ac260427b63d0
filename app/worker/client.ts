// The main thread's handle on one training worker: spawn, wrap with comlink, notice a crash (onerror) or
// a kill (terminate), and start a fresh worker afterwards. The graph lives in the store, never here.
import * as Comlink from 'comlink';
import type { Graph } from '../../graph-schema/schema.ts';
import type { DataSource, LoadResult, Progress, WorkerApi } from './protocol.ts';

/** A running training worker. */
export interface TrainerClient {
  /** the worker's API (every call is async across the boundary) */
  api: Comlink.Remote<WorkerApi>;
  /** compiles and loads in the worker; progress records arrive at `onProgress` */
  load(graph: Graph, source: DataSource): Promise<LoadResult>;
  /** kills the worker at once (the UI reports it and can start a new one) */
  terminate(): void;
  /** ends the worker on purpose, without a crash report */
  dispose(): void;
  readonly alive: boolean;
}

/** What the client tells its owner. */
export interface ClientEvents {
  onProgress(p: Progress): void;
  /** the worker crashed (uncaught error) or was terminated; `message` is for the student */
  onCrash(message: string): void;
  /** the worker is still computing (a beat from inside a long step) */
  onAlive?(): void;
}

/** Starts a module worker running trainer.worker.ts. */
export function spawnTrainer(events: ClientEvents): TrainerClient {
  const worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trainer',
  });
  const api = Comlink.wrap<WorkerApi>(worker);
  let alive = true;
  const end = (): boolean => {
    if (!alive) return false;
    alive = false;
    worker.terminate();
    api[Comlink.releaseProxy]();
    return true;
  };
  const crash = (message: string) => {
    if (end()) events.onCrash(message);
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    crash(
      `The training worker crashed (${e.message || 'unknown error'}). Your graph is safe; press Train to start again.`,
    );
  });
  worker.addEventListener('messageerror', () =>
    crash('The training worker sent a message that could not be read.'),
  );
  // Records already queued when the worker was killed must not bring a dead run back to life.
  const listener = Comlink.proxy((p: Progress) => {
    if (alive) events.onProgress(p);
  });
  const beat = Comlink.proxy(() => {
    if (alive) events.onAlive?.();
  });
  return {
    api,
    get alive() {
      return alive;
    },
    load: (graph, source) => api.load(graph, source, listener, beat),
    terminate: () =>
      crash('The training worker was stopped. Your graph is safe; press Train to start again.'),
    dispose: () => void end(),
  };
}
