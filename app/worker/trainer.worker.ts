// The training worker: the engine's trainer behind comlink. Progress records go out with their typed
// arrays transferred (Comlink.transfer), not copied. Comlink.expose runs only inside a worker, so this
// module also imports in Node tests.
import * as Comlink from 'comlink';
import { createWorkerApi, type Sender } from './api.ts';
import { transferables } from './pack.ts';
import { viewTransferables } from './views.ts';

/** Sends a record to the main thread's proxy callback, moving (not copying) its typed arrays. */
export const transferSender: Sender = (p, listener) => {
  listener(Comlink.transfer(p, transferables(p)));
};

/** The API as this worker exposes it; view data leaves with its typed arrays transferred too. */
export const workerApi = createWorkerApi(transferSender);
const plainView = workerApi.view;
workerApi.view = (req) => {
  const r = plainView(req);
  return Comlink.transfer(r, viewTransferables(r));
};

declare const WorkerGlobalScope: { new (): unknown } | undefined;

/** True inside a dedicated/module worker (never on the main thread or in Node). */
export function inWorker(): boolean {
  return typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
}

if (inWorker()) Comlink.expose(workerApi);
