// Runs the lesson's two models side by side, each in its own worker, and folds their progress into the
// lesson store. Nothing here touches the designer's graph.
import { spawnTrainer, type TrainerClient } from '../worker/client.ts';
import { timestepsOf } from '../worker/pack.ts';
import type { Progress } from '../worker/protocol.ts';
import { emptyRun, type LessonModel, useLesson } from './lessonStore.ts';
import { lessonGraph, lessonNodeId } from './presets.ts';

const clients: Partial<Record<LessonModel, TrainerClient>> = {};

function update(
  kind: LessonModel,
  patch: (r: ReturnType<typeof emptyRun>) => Partial<ReturnType<typeof emptyRun>>,
) {
  useLesson.setState((s) => ({ runs: { ...s.runs, [kind]: { ...s.runs[kind], ...patch(s.runs[kind]) } } }));
}

// Two workers send up to 40 records a second together; the view is redrawn at most every 200 ms from
// what arrived meanwhile (every accuracy point kept), so the main thread stays free on a busy machine.
const FLUSH_MS = 200;
interface Pending {
  last: Progress;
  norms: Float32Array | null;
  accSteps: number[];
  acc: number[];
}
const pending: Partial<Record<LessonModel, Pending>> = {};
let timer: ReturnType<typeof setTimeout> | null = null;

function onProgress(kind: LessonModel, p: Progress): void {
  const norms = timestepsOf(p.timesteps, lessonNodeId());
  const q = pending[kind] ?? { last: p, norms: null, accSteps: [], acc: [] };
  q.last = p;
  if (norms) q.norms = norms.slice();
  if (p.accuracy !== undefined) {
    q.accSteps.push(p.step);
    q.acc.push(p.accuracy);
  }
  pending[kind] = q;
  const first = useLesson.getState().runs[kind].firstNorms === null && norms !== null;
  if (first || p.status !== 'running') flush();
  else timer ??= setTimeout(flush, FLUSH_MS);
}

function flush(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  for (const kind of ['rnn', 'lstm'] as const) {
    const q = pending[kind];
    if (!q) continue;
    delete pending[kind];
    const p = q.last;
    update(kind, (r) => ({
      status: p.status,
      step: p.step,
      loss: p.loss,
      accuracy: p.accuracy ?? r.accuracy,
      valAccuracy: p.valAccuracy ?? r.valAccuracy,
      norms: q.norms ?? r.norms,
      firstNorms: r.firstNorms ?? q.norms,
      accSteps: q.accSteps.length ? [...r.accSteps, ...q.accSteps] : r.accSteps,
      acc: q.acc.length ? [...r.acc, ...q.acc] : r.acc,
      message: p.divergence?.message ?? r.message,
    }));
  }
  const { runs } = useLesson.getState();
  const done = (st: string) => st !== 'running' && st !== 'idle' && st !== 'loading';
  if (done(runs.rnn.status) && done(runs.lstm.status)) useLesson.setState({ running: false });
}

async function startOne(
  kind: LessonModel,
  length: number,
  activation: string | null,
  forgetBias: number | null,
): Promise<void> {
  const client = spawnTrainer({
    onProgress: (p) => onProgress(kind, p),
    onCrash: (message) => update(kind, () => ({ status: 'crashed', message })),
  });
  clients[kind] = client;
  update(kind, () => ({ ...emptyRun(), status: 'loading' }));
  const r = await client.load(lessonGraph(kind, length, activation, forgetBias), { kind: 'builtin' });
  if (!r.ok) {
    update(kind, () => ({ status: 'error', message: r.message }));
    return;
  }
  // One instrumented step first, so the curves show the untrained network before any learning.
  await client.api.stepOnce();
  update(kind, () => ({ status: 'running' }));
  void client.api.start().catch(() => undefined);
}

/** Starts both runs with the lesson's current settings (stopping any previous pair). */
export async function startPair(): Promise<void> {
  stopPair();
  const { length, activation, forgetBias } = useLesson.getState();
  if (timer !== null) clearTimeout(timer);
  timer = null;
  delete pending.rnn;
  delete pending.lstm;
  useLesson.setState({ running: true, runs: { rnn: emptyRun(), lstm: emptyRun() } });
  await Promise.all([
    startOne('rnn', length, activation, forgetBias),
    startOne('lstm', length, activation, forgetBias),
  ]);
}

/** Stops both runs and their workers (their last numbers stay on screen). */
export function stopPair(): void {
  for (const kind of ['rnn', 'lstm'] as const) {
    const c = clients[kind];
    if (!c) continue;
    delete clients[kind];
    void c.api
      .stop()
      .catch(() => undefined)
      .finally(() => {
        // Ended on purpose: not a crash, so the run keeps its numbers and status.
        c.dispose();
        update(kind, (r) => ({ status: r.status === 'running' ? 'stopped' : r.status }));
      });
  }
  useLesson.setState({ running: false });
}

/** Closes the gradient lab; the side-by-side runs stop (their numbers stay for when it opens again). */
export function closeLesson(): void {
  if (useLesson.getState().running) stopPair();
  useLesson.setState({ open: false });
}
