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

function onProgress(kind: LessonModel, p: Progress): void {
  const norms = timestepsOf(p.timesteps, lessonNodeId());
  update(kind, (r) => ({
    status: p.status,
    step: p.step,
    loss: p.loss,
    accuracy: p.accuracy ?? r.accuracy,
    norms: norms ? norms.slice() : r.norms,
    firstNorms: r.firstNorms ?? (norms ? norms.slice() : null),
    accSteps: p.accuracy !== undefined ? [...r.accSteps, p.step] : r.accSteps,
    acc: p.accuracy !== undefined ? [...r.acc, p.accuracy] : r.acc,
    message: p.divergence?.message ?? r.message,
  }));
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
