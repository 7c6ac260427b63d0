// The replay buffer: bounded whatever the run's length, first and newest reports always kept, steps in
// order; the shown step survives thinning; extremes found for the "max/min ‖g‖" jumps.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  extremeSnapshot,
  MAX_SNAPSHOTS,
  recordSnapshot,
  replayed,
  resetReplay,
  type Snapshot,
  thinSnapshots,
  useReplay,
} from '../../app/training/replay.ts';

const snap = (step: number, gradNorm = step): Snapshot => ({
  step,
  loss: 1 / step,
  gradNorm,
  edges: { e1: step },
  params: {},
  timesteps: null,
  divergence: null,
});

describe('replay buffer', () => {
  beforeEach(resetReplay);

  it('stays within MAX_SNAPSHOTS over 10,000 reports, keeping the first and the newest, in order', () => {
    for (let s = 1; s <= 10_000; s++) recordSnapshot(snap(s));
    const { snapshots, recorded } = useReplay.getState();
    expect(recorded).toBe(10_000);
    expect(snapshots.length).toBeLessThanOrEqual(MAX_SNAPSHOTS);
    expect(snapshots.length).toBeGreaterThan(MAX_SNAPSHOTS / 2);
    expect(snapshots[0].step).toBe(1);
    expect(snapshots[snapshots.length - 1].step).toBe(10_000);
    for (let i = 1; i < snapshots.length; i++)
      expect(snapshots[i].step).toBeGreaterThan(snapshots[i - 1].step);
    // recent steps are denser than old ones (old halves were thinned more often)
    const n = snapshots.length;
    expect(snapshots[n - 1].step - snapshots[n - 10].step).toBeLessThan(
      snapshots[10].step - snapshots[1].step,
    );
  });

  it('ignores a report that is not newer than the last kept', () => {
    recordSnapshot(snap(5));
    recordSnapshot(snap(5));
    recordSnapshot(snap(3));
    expect(useReplay.getState().snapshots.map((s) => s.step)).toEqual([5]);
  });

  it('keeps showing the chosen step (or the kept one nearest to it) while new reports thin the buffer', () => {
    for (let s = 1; s <= MAX_SNAPSHOTS; s++) recordSnapshot(snap(s));
    useReplay.setState({ at: 41 }); // step 42
    expect(replayed()?.step).toBe(42);
    for (let s = MAX_SNAPSHOTS + 1; s <= 3 * MAX_SNAPSHOTS; s++) recordSnapshot(snap(s));
    const shown = replayed()!.step;
    const kept = useReplay.getState().snapshots.map((s) => s.step);
    expect(kept).toContain(shown);
    for (const k of kept) expect(Math.abs(k - 42)).toBeGreaterThanOrEqual(Math.abs(shown - 42));
  });

  it('live shows nothing replayed; reset forgets the run', () => {
    recordSnapshot(snap(1));
    expect(replayed()).toBeNull();
    resetReplay();
    expect(useReplay.getState()).toMatchObject({ snapshots: [], at: null, recorded: 0 });
  });

  it('finds the largest and the smallest non-zero gradient', () => {
    const list = [snap(1, 3), snap(2, 1e-12), snap(3, 0), snap(4, 1e9), snap(5, Number.NaN)];
    expect(extremeSnapshot(list, 'max')).toBe(3);
    expect(extremeSnapshot(list, 'min')).toBe(1);
    expect(extremeSnapshot([], 'max')).toBeNull();
  });

  it('thinSnapshots never drops the first element', () => {
    const a = Array.from({ length: 1000 }, (_, i) => i);
    thinSnapshots(a, 10);
    expect(a.length).toBeLessThanOrEqual(10);
    expect(a[0]).toBe(0);
    expect(a[a.length - 1]).toBe(999);
  });
});
