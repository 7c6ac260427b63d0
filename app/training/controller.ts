// The training controls' logic: one worker client, Train / Pause-Resume / Step / Stop / Reset, progress
// into the training store and the canvas overlays, crashes reported with a fresh worker next time.
// The graph stays in the designer's store; the worker only ever gets a copy.
import type { Graph } from '../../graph-schema/schema.ts';
import { replayed } from './replay.ts';
import { uploadFor } from '../data/uploads.ts';
import { clearOverlays, useOverlays } from '../slots/overlays.ts';
import { showToast, useStudio } from '../store/store.ts';
import { spawnTrainer, type TrainerClient } from '../worker/client.ts';
import type { DataSource, Progress } from '../worker/protocol.ts';
import { beginRun, endLiveRun, recordRunProgress } from '../runs/store.ts';
import { buildOverlays } from './overlays.ts';
import { applyProgress, clearRun, dropPending, isActive, useTraining } from './store.ts';
import { Watchdog } from './watchdog.ts';

let client: TrainerClient | null = null;
/** the graph the loaded trainer was built from (overlays are drawn for it) */
let trainedGraph: Graph | null = null;
/** true after discardRun(): records of the old run still in flight are dropped until the next load */
let discarded = false;

/** Notices a worker that went silent while running (closed itself, or hangs): the status says "not
 *  responding" and the Training tab explains, until progress comes back or Stop ends the worker. */
const watchdog = new Watchdog(() => {
  if (useTraining.getState().phase !== 'running') return;
  const message = `The training worker has sent nothing for ${formatSeconds(watchdog.stallMs)}: it may have stopped. Press Stop to end it (your graph is safe).`;
  useTraining.setState({ stalled: message });
  showToast(message, 'error');
});

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function onProgress(p: Progress): void {
  if (p.status === 'running') watchdog.feed();
  else watchdog.disarm();
  // a slow step, not a dead worker: it spoke again
  if (useTraining.getState().stalled !== null) useTraining.setState({ stalled: null });
  if (discarded) return;
  applyProgress(p, redrawOverlays);
  recordRunProgress(p);
}

/** Redraws the canvas overlays from the latest gradients (also when the theme changes). */
export function redrawOverlays(): void {
  // A replayed snapshot (the scrubber in the Training tab) replaces the live gradients.
  const s = replayed() ?? useTraining.getState();
  const graph = trainedGraph ?? useStudio.getState().graph;
  useOverlays.setState(buildOverlays(graph, s.edges, s.params, s.divergence, useStudio.getState().theme));
}

/** A beat from inside a long step: the worker is computing, not gone. */
function onAlive(): void {
  if (useTraining.getState().phase !== 'running') return;
  watchdog.feed();
  if (useTraining.getState().stalled !== null) useTraining.setState({ stalled: null });
}

function onCrash(message: string): void {
  watchdog.disarm();
  useTraining.setState({ stalled: null });
  client = null;
  endLiveRun();
  dropPending();
  useTraining.setState({ phase: 'crashed', message });
  showToast(message, 'error');
}

function ensureClient(): TrainerClient {
  if (!client?.alive) client = spawnTrainer({ onProgress, onCrash, onAlive });
  return client;
}

/** The data source of a graph: its built-in dataset, or the stored upload it names. */
export function sourceFor(graph: Graph): DataSource | { error: string } {
  const id = graph.training?.dataset.id ?? '';
  if (!id.startsWith('upload:')) return { kind: 'builtin' };
  const u = uploadFor(id);
  if (!u)
    return { error: `The uploaded file "${id.slice(7)}" is no longer in this browser: upload it again.` };
  return { kind: 'upload', uploadKind: u.kind, name: u.name, text: u.text };
}

/** Loads the current graph into a worker; true when a trainer is ready. */
/** The load in flight, if any: asks made meanwhile (a view, a weights export) wait for it rather than
 *  failing with "could not be loaded" while the page is still starting. */
let inflight: Promise<boolean> | null = null;

function load(): Promise<boolean> {
  const p = loadNow().finally(() => {
    if (inflight === p) inflight = null;
  });
  inflight = p;
  return p;
}

async function loadNow(): Promise<boolean> {
  const graph = useStudio.getState().graph;
  const source = sourceFor(graph);
  if ('error' in source) {
    useTraining.setState({ phase: 'error', message: source.error, where: null });
    return false;
  }
  clearRun('loading');
  clearOverlays();
  trainedGraph = graph;
  const c = ensureClient();
  const r = await c.load(graph, source).catch((e: unknown) => ({ ok: false as const, message: String(e) }));
  // Only now: the worker answers in order, so a record the old run sent before this load (its Stop's last
  // report, late on a busy machine) has arrived and been dropped, and cannot show its step on the new graph.
  discarded = false;
  if (!r.ok) {
    useTraining.setState({ phase: 'error', message: r.message, where: 'line' in r ? r : null });
    return false;
  }
  useTraining.setState({ phase: 'paused', info: r.info });
  beginRun(graph, r.info);
  return true;
}

/** Bring the Training tab forward from Summary or JSON, so pressing Train shows the chart (or why the
 *  run could not start); "Try it" stays, as people watch the decision map or top-5 while training. */
function showTrainingTab(): void {
  const tab = useStudio.getState().activeTab;
  if (tab === 'summary' || tab === 'json') useStudio.setState({ activeTab: 'training' });
}

/** Train: a fresh run (or Resume when paused). */
export async function startTraining(): Promise<void> {
  const phase = useTraining.getState().phase;
  if (phase === 'running' || phase === 'loading') return;
  showTrainingTab();
  if (phase !== 'paused' || !client?.alive) {
    if (!(await load())) return;
  }
  useTraining.setState({ phase: 'running' });
  watchdog.feed();
  void client?.api.start().catch(() => undefined);
}

/** Pause when running, Resume when paused. */
export function togglePause(): void {
  const phase = useTraining.getState().phase;
  if (phase === 'running') void client?.api.pause();
  else if (phase === 'paused') void startTraining();
}

/** Exactly one optimizer step (loading the graph first when nothing is loaded). After a finished or
 *  stopped run it is one more step of that run, on its trained weights (Reset starts again). */
export async function stepOnce(): Promise<void> {
  const { phase, step } = useTraining.getState();
  if (phase === 'running' || phase === 'loading') return;
  showTrainingTab();
  const continues = (phase === 'finished' || phase === 'stopped') && !!client?.alive && step > 0;
  if (continues) {
    showToast(
      `Step continues the ${phase} run from its trained weights (step ${step + 1}). Reset goes back to the initial weights; Train starts a new run.`,
    );
  } else if (phase !== 'paused' || !client?.alive) {
    if (!(await load())) return;
  }
  await client?.api.stepOnce();
}

/** Ends the run; the chart and overlays stay for discussion. */
export function stopTraining(): void {
  if (!isActive(useTraining.getState().phase)) return;
  if (watchdog.stalled) {
    // a silent worker cannot answer "stop": end it (reported like a crash; the graph is untouched)
    watchdog.disarm();
    client?.terminate();
    return;
  }
  watchdog.disarm();
  useTraining.setState({ phase: 'stopped' });
  void client?.api.stop();
}

/** Ends the run and forgets it (chart, numbers, overlays): the graph changed under it. */
export function discardRun(): void {
  if (isActive(useTraining.getState().phase)) void client?.api.stop();
  discarded = true;
  endLiveRun();
  dropPending();
  clearOverlays();
  clearRun('idle');
}

/** Back to the initial weights: step 0, empty chart, no overlays; Train or Step continue from there. */
export function resetWeights(): void {
  const { phase, info } = useTraining.getState();
  clearOverlays();
  if (!client?.alive || phase === 'error' || phase === 'crashed' || phase === 'idle') {
    endLiveRun();
    clearRun('idle');
    return;
  }
  clearRun('paused', info);
  // The old run stays kept; the steps after Reset are a new run with the same settings.
  if (trainedGraph && info) beginRun(trainedGraph, info);
  else endLiveRun();
  void client.api.reset();
}

/** Kills the worker (a lecturer's emergency stop; also how tests simulate a crash). */
export function killWorker(): void {
  client?.terminate();
}

/** Test hook: the worker closes itself without a word (no error event), or keeps running but sends no
 *  more progress: the faults the watchdog catches. */
export function simulateWorkerFault(kind: 'close' | 'silence'): void {
  void client?.api.simulateFault(kind);
}

/** Test hook: the silence (ms) after which a running worker counts as stalled; a running watch restarts. */
export function setStallMs(ms: number): void {
  watchdog.setStallMs(ms);
}

/** The worker's API when a trainer is loaded (inference panels use it), else null. */
export function loadedApi(): TrainerClient['api'] | null {
  const s = useTraining.getState();
  return client?.alive && s.info && s.phase !== 'loading' ? client.api : null;
}

/** The worker's API with a model loaded, loading the current graph (without training) when nothing
 *  is: the views open on a fresh graph too. Null when the graph or its data cannot load. */
export async function ensureLoadedApi(): Promise<TrainerClient['api'] | null> {
  const ready = loadedApi();
  if (ready) return ready;
  if (useTraining.getState().phase === 'loading') return inflight && (await inflight) ? loadedApi() : null;
  return (await load()) ? loadedApi() : null;
}

/** The graph the current run was built from. */
export function graphOfRun(): Graph | null {
  return trainedGraph;
}

/** The worker's API, starting a worker when none runs (dataset previews use it; they do not train). */
export function workerApi(): TrainerClient['api'] {
  return ensureClient().api;
}

/** The worker's API with the current graph's model loaded (its trained weights when a run exists;
 *  otherwise the graph is loaded now, with its seeded initial weights); null when it cannot load. */
export async function apiWithModel(): Promise<TrainerClient['api'] | null> {
  const api = loadedApi();
  if (api && trainedGraph === useStudio.getState().graph) return api;
  if (useTraining.getState().phase === 'loading') return inflight && (await inflight) ? loadedApi() : null;
  return (await load()) ? loadedApi() : null;
}
