// The bench:workers --browser page: starts the race in a module worker and exposes its answer as
// window.__bench for the runner.
const params = new URLSearchParams(location.search);
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const out = document.getElementById('out')!;
const w = window as unknown as { __bench?: unknown };
worker.onmessage = (e: MessageEvent<{ type: string; line?: string }>) => {
  if (e.data.type === 'progress') out.textContent = `running… ${e.data.line}`;
  else w.__bench = e.data;
};
worker.onerror = (e) => {
  w.__bench = { type: 'error', error: e.message };
};
worker.postMessage({
  models: params.getAll('model'),
  rounds: params.get('rounds') ? Number(params.get('rounds')) : undefined,
});
