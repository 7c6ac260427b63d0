// The kept runs as a list: colour, show/hide, label (what changed since the previous run) with its graph,
// steps and status, delete. Hooks: data-testid="runs", one "run-<id>" per run.
import { runAction } from '../actions/registry.ts';
import { setRunColour, setRunVisible, useRuns } from './store.ts';
import type { RunRecord } from './types.ts';

function RunRow({ run, live, saved }: { run: RunRecord; live: boolean; saved: boolean }) {
  const steps = run.steps.length ? run.steps[run.steps.length - 1] : 0;
  return (
    <li
      className={`run-row${run.visible ? '' : ' hidden-run'}`}
      data-testid={`run-${run.id}`}
      data-label={run.label}
      data-visible={run.visible}
      data-saved={saved}
      data-live={live}
    >
      <input
        type="color"
        className="run-colour"
        value={run.colour}
        title="Colour of this run's curves"
        aria-label={`Colour of run ${run.label}`}
        data-testid={`run-colour-${run.id}`}
        onChange={(e) => setRunColour(run.id, e.target.value)}
      />
      <input
        type="checkbox"
        checked={run.visible}
        title="Show this run on the chart"
        aria-label={`Show run ${run.label} on the chart`}
        data-testid={`run-visible-${run.id}`}
        onChange={(e) => setRunVisible(run.id, e.target.checked)}
      />
      <span className="run-text" title={`${run.label} — ${run.graphName}`}>
        <span className="run-label" data-testid={`run-label-${run.id}`}>
          {run.label}
        </span>
        <span className="run-meta muted">
          {run.graphName} · {steps} steps · {live ? 'live' : run.status}
        </span>
      </span>
      <button
        type="button"
        className="run-delete"
        title="Delete this run"
        aria-label={`Delete run ${run.label}`}
        data-testid={`run-delete-${run.id}`}
        onClick={() => runAction('removeRun', run.id)}
      >
        ✕
      </button>
    </li>
  );
}

/** The runs list (newest first). */
export function RunsList() {
  useRuns((s) => s.layout);
  useRuns((s) => s.data);
  const runs = useRuns((s) => s.runs);
  const liveId = useRuns((s) => s.liveId);
  const saved = useRuns((s) => s.saved);
  return (
    <section className="runs" data-testid="runs" aria-label="Runs" data-count={runs.length}>
      <div className="small muted runs-head">
        Runs ({runs.length}):{' '}
        {runs.length === 0
          ? 'each training run is kept here to compare'
          : 'solid = training loss, dashed = validation loss'}
      </div>
      <ul>
        {[...runs].reverse().map((r) => (
          <RunRow key={r.id} run={r} live={r.id === liveId} saved={saved[r.id] === true} />
        ))}
      </ul>
    </section>
  );
}
