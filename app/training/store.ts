// The training panel's state: phase, latest metrics and gradients (from the worker's Progress records),
// and the chart's series. Series live in plain arrays outside React; `chartVersion` says they changed.
import { create } from 'zustand';
import type { DivergenceInfo } from '../../engine/index.ts';
import type { LoadInfo, PackedTimesteps, Progress } from '../worker/protocol.ts';
import type { Rate } from '../worker/rate.ts';

/** Where a training run is. `crashed` = the worker died; `error` = the graph or data could not load. */
export type Phase =
  | 'idle'
  | 'loading'
  | 'running'
  | 'paused'
  | 'finished'
  | 'diverged'
  | 'stopped'
  | 'error'
  | 'crashed';

/** The panel's state. */
export interface TrainingState {
  phase: Phase;
  /** a sentence for the student (load error, crash, divergence), or null */
  message: string | null;
  /** set while a running worker has been silent longer than the watchdog allows: what to tell the user */
  stalled: string | null;
  /** line/column of a load error in an uploaded file */
  where: { line?: number; column?: number } | null;
  info: LoadInfo | null;
  step: number;
  epoch: number;
  loss: number;
  accuracy?: number;
  perplexity?: number;
  valLoss?: number;
  valAccuracy?: number;
  gradNorm: number;
  /** optimizer steps per worker chunk */
  chunk: number;
  /** throughput measured in the worker while the loop runs, else null */
  rate: Rate | null;
  edges: Record<string, number>;
  params: Record<string, Record<string, number>>;
  timesteps: PackedTimesteps | null;
  divergence: DivergenceInfo | null;
  /** the optimizer step that diverged (the one the divergence message names), or null */
  divergedAt: number | null;
  /** bumped when the chart series change */
  chartVersion: number;
  logScale: boolean;
}

/** Chart series: x = step; null where a series has no point at that step. */
export interface Series {
  step: number[];
  loss: number[];
  valLoss: (number | null)[];
  /** accuracy, or perplexity when a run reports no accuracy */
  metric: (number | null)[];
}

/** The chart's data (mutated in place by applyProgress; read by the chart on chartVersion changes). */
export const series: Series = { step: [], loss: [], valLoss: [], metric: [] };

const empty = (): Omit<TrainingState, 'logScale'> => ({
  phase: 'idle',
  message: null,
  stalled: null,
  where: null,
  info: null,
  step: 0,
  epoch: 0,
  loss: Number.NaN,
  // Listed even though undefined: setState merges, so a key left out would keep the old run's value.
  accuracy: undefined,
  perplexity: undefined,
  valLoss: undefined,
  valAccuracy: undefined,
  gradNorm: 0,
  chunk: 0,
  rate: null,
  edges: {},
  params: {},
  timesteps: null,
  divergence: null,
  divergedAt: null,
  chartVersion: 0,
});

/** The training store. */
export const useTraining = create<TrainingState>(() => ({ ...empty(), logScale: false }));

/** Clears metrics, gradients and the chart (a new run or Reset). */
export function clearRun(phase: Phase = 'idle', info: LoadInfo | null = null): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  pending = null;
  chartDirty = false;
  series.step.length = 0;
  series.loss.length = 0;
  series.valLoss.length = 0;
  series.metric.length = 0;
  useTraining.setState((s) => ({ ...empty(), phase, info, chartVersion: s.chartVersion + 1 }));
}

// Beyond this many points the oldest half is thinned (every second point kept): the chart stays cheap.
const MAX_POINTS = 20_000;

function appendSeries(p: Progress): void {
  for (let i = 0; i < p.losses.length; i++) {
    const step = p.firstStep + i;
    const last = i === p.losses.length - 1;
    series.step.push(step);
    series.loss.push(p.losses[i]);
    series.valLoss.push(p.valStep === step ? (p.valLoss ?? null) : null);
    series.metric.push(last ? (p.accuracy ?? p.perplexity ?? null) : null);
  }
  if (series.step.length > MAX_POINTS) thin();
}

function thin(): void {
  const half = Math.floor(series.step.length / 2);
  for (const key of ['step', 'loss', 'valLoss', 'metric'] as const) {
    const a = series[key] as (number | null)[];
    const kept = a.slice(0, half).filter((_, i) => i % 2 === 0);
    a.splice(0, half, ...kept);
  }
}

// The worker may send up to 20 records a second; the screen is redrawn from the latest one at most every
// UI_INTERVAL_MS (the chart series take every loss at once), which halves the main thread's work.
const UI_INTERVAL_MS = 100;
let pending: Progress | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastFlush = 0;
let chartDirty = false;

/** Folds one Progress record into the chart series now and into the store within 100 ms. */
export function applyProgress(p: Progress, onFlush?: () => void): void {
  appendSeries(p);
  chartDirty ||= p.losses.length > 0;
  // Keep the newest gradients: a record without a report must not hide the last one.
  pending =
    pending && !p.timesteps.ids.length && !Object.keys(p.edges).length
      ? { ...p, edges: pending.edges, params: pending.params, timesteps: pending.timesteps }
      : p;
  const now = performance.now();
  const wait = p.status === 'running' ? Math.max(0, lastFlush + UI_INTERVAL_MS - now) : 0;
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    lastFlush = performance.now();
    const q = pending;
    pending = null;
    if (q) setFromProgress(q);
    onFlush?.();
  }, wait);
}

/** Forgets a record not yet shown (the worker died: its last words must not revive the run). */
export function dropPending(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  pending = null;
}

function setFromProgress(p: Progress): void {
  const dirty = chartDirty;
  chartDirty = false;
  useTraining.setState((s) => ({
    phase: p.status === 'idle' ? 'paused' : p.status,
    // Step after a finished run adds an epoch (Trainer.reopen), Reset takes it away: "step n / total"
    info: s.info && s.info.epochs !== p.epochs ? { ...s.info, epochs: p.epochs } : s.info,
    step: p.step,
    epoch: p.epoch,
    loss: p.loss,
    accuracy: p.accuracy,
    perplexity: p.perplexity,
    valLoss: p.valLoss,
    valAccuracy: p.valAccuracy,
    gradNorm: p.gradNorm,
    chunk: p.chunk,
    rate: p.rate ?? null,
    // A record without a gradient report (e.g. after Reset) keeps the last overlays.
    edges: Object.keys(p.edges).length ? p.edges : s.edges,
    params: Object.keys(p.params).length ? p.params : s.params,
    timesteps: p.timesteps.ids.length ? p.timesteps : s.timesteps,
    divergence: p.divergence ?? null,
    divergedAt: p.divergedAt ?? null,
    message: p.divergence ? p.divergence.message : s.message,
    chartVersion: s.chartVersion + (dirty ? 1 : 0),
  }));
}

/** True while a run is live in the worker (training, or paused with weights to resume). */
export function isActive(phase: Phase): boolean {
  return phase === 'running' || phase === 'paused' || phase === 'loading';
}
