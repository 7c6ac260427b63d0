// The replay scrubber: pick one of the run's gradient snapshots and the canvas overlays (edge chips,
// parameter badges, per-time-step strips) show that step instead of the live one; jump to the step with
// the largest or the smallest gradient; "Live" returns. Arrow keys move one snapshot when it has focus.
import './replay.css';
import { extremeSnapshot, useReplay } from './replay.ts';
import { fmtNorm } from './palette.ts';

/** The bar (data-testid="replay"); nothing until the run has reported gradients twice. */
export function ReplayBar() {
  const { snapshots, at, recorded } = useReplay();
  if (snapshots.length < 2) return null;
  const shown = at === null ? snapshots.length - 1 : at;
  const s = snapshots[shown];
  const go = (i: number | null) => useReplay.setState({ at: i });
  const max = extremeSnapshot(snapshots, 'max');
  const min = extremeSnapshot(snapshots, 'min');
  return (
    <div
      className="replay-bar"
      data-testid="replay"
      data-replay-step={at === null ? '' : s.step}
      data-kept={snapshots.length}
      data-recorded={recorded}
    >
      <label className="small">
        <span className="muted">replay</span>{' '}
        <input
          type="range"
          data-testid="replay-scrubber"
          min={0}
          max={snapshots.length - 1}
          value={shown}
          aria-valuetext={`step ${s.step}`}
          onChange={(e) => {
            const i = Number(e.target.value);
            go(i === snapshots.length - 1 && at === null ? null : i);
          }}
        />
      </label>
      <span className="small" data-testid="replay-label">
        {at === null ? 'live' : 'step'} {s.step} · loss {fmtNorm(s.loss)} · ‖g‖ {fmtNorm(s.gradNorm)}
      </span>
      <span className="replay-buttons">
        <button
          type="button"
          className="tool"
          data-testid="replay-max"
          disabled={max === null}
          title="Show the step with the largest gradient (where it exploded)"
          onClick={() => go(max)}
        >
          max ‖g‖
        </button>
        <button
          type="button"
          className="tool"
          data-testid="replay-min"
          disabled={min === null}
          title="Show the step with the smallest gradient (where it died)"
          onClick={() => go(min)}
        >
          min ‖g‖
        </button>
        <button
          type="button"
          className="tool"
          data-testid="replay-live"
          disabled={at === null}
          onClick={() => go(null)}
        >
          Live
        </button>
      </span>
    </div>
  );
}
