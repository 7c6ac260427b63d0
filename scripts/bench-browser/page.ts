// The benchmark page: starts the engine benchmark in a module Web Worker (as the app trains) with the
// options in the URL's query, and exposes the worker's answer as window.__bench for the runner.
const params = new URLSearchParams(location.search);
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const out = document.getElementById('out')!;
const w = window as unknown as { __bench?: unknown };
worker.onmessage = (e: MessageEvent) => {
  const msg = e.data as { type: string; line?: string; report?: unknown; error?: string };
  if (msg.type === 'progress') out.textContent = `running… ${msg.line}`;
  else {
    w.__bench = msg;
    out.textContent = JSON.stringify(msg, null, 1);
  }
};
worker.onerror = (e) => {
  w.__bench = { type: 'error', error: e.message };
};
worker.postMessage({
  models: params.getAll('model'),
  kernels: params.get('kernels') ?? 'default',
  repeats: params.get('repeats') ? Number(params.get('repeats')) : undefined,
  tiny: params.get('tiny') === '1',
});
