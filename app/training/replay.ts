// Replay: the gradient snapshots of the current run (edge norms, parameter-gradient norms, per-time-step
// norms) kept as the worker reports them, so a student can scrub back to the step where the gradient
// died or exploded. Memory is bounded: past MAX_SNAPSHOTS the older half is thinned (every second one
// kept), always keeping the first report (the gradients at the initial weights) and the newest.
import { create } from 'zustand';
import type { DivergenceInfo } from '../../engine/index.ts';
import type { PackedTimesteps } from '../worker/protocol.ts';

/** One gradient report of the run. */
export interface Snapshot {
  step: number;
  loss: number;
  gradNorm: number;
  edges: Record<string, number>;
  params: Record<string, Record<string, number>>;
  timesteps: PackedTimesteps | null;
  divergence: DivergenceInfo | null;
}

/** Most snapshots kept per run (each is a few kB for the lecture's models). */
export const MAX_SNAPSHOTS = 200;

export interface ReplayState {
  snapshots: Snapshot[];
  /** index of the snapshot shown instead of the live gradients, or null for live */
  at: number | null;
  /** reports recorded since the run started (more than are kept, once thinned) */
  recorded: number;
}

export const useReplay = create<ReplayState>(() => ({ snapshots: [], at: null, recorded: 0 }));

/** Thins `list` in place to at most `max` entries: every second entry of the older half goes, the first
 *  and the newer half stay. Steps stay increasing. */
export function thinSnapshots<T>(list: T[], max: number): void {
  while (list.length > max) {
    const half = Math.floor(list.length / 2);
    const older = list.slice(1, half).filter((_, i) => i % 2 === 1);
    list.splice(1, half - 1, ...older);
  }
}

/** Adds a report of the live run (ignored when it is not newer than the last one kept). */
export function recordSnapshot(s: Snapshot): void {
  useReplay.setState((r) => {
    const last = r.snapshots[r.snapshots.length - 1];
    if (last && s.step <= last.step) return r;
    const snapshots = [...r.snapshots, s];
    const shownStep = r.at === null ? null : r.snapshots[r.at]?.step;
    thinSnapshots(snapshots, MAX_SNAPSHOTS);
    // Thinning shifts indices: keep showing the same step (or the nearest kept one before it).
    const at =
      shownStep == null
        ? null
        : Math.max(
            0,
            snapshots.findLastIndex((x) => x.step <= shownStep),
          );
    return { snapshots, at, recorded: r.recorded + 1 };
  });
}

/** Index of the snapshot whose step is nearest to `step` (the earlier one on a tie). */
export function nearestIndex(list: readonly Snapshot[], step: number): number {
  let best = 0;
  list.forEach((s, i) => {
    if (Math.abs(s.step - step) < Math.abs(list[best].step - step)) best = i;
  });
  return best;
}

/** Forgets the run's snapshots (a new run, another graph, Reset). */
export function resetReplay(): void {
  useReplay.setState({ snapshots: [], at: null, recorded: 0 });
}

/** The snapshot shown instead of the live gradients, or null when live. */
export function replayed(r: ReplayState = useReplay.getState()): Snapshot | null {
  return r.at === null ? null : (r.snapshots[r.at] ?? null);
}

/** Index of the kept snapshot with the largest (or smallest non-zero) overall gradient norm. */
export function extremeSnapshot(list: readonly Snapshot[], which: 'max' | 'min'): number | null {
  let best: number | null = null;
  list.forEach((s, i) => {
    if (!Number.isFinite(s.gradNorm) || (which === 'min' && s.gradNorm <= 0)) return;
    if (best === null) best = i;
    else if (which === 'max' ? s.gradNorm > list[best].gradNorm : s.gradNorm < list[best].gradNorm) best = i;
  });
  return best;
}
