// "· 2 workers" beside the step count: whether the loaded run splits each batch across both cores
// (a second worker on shared weights) or runs on one worker, and why (the tooltip). Hook:
// data-testid="train-workers", data-workers="1" | "2".
import { useTraining } from './store.ts';

/** The run's worker count, once a run is loaded. */
export function WorkersBadge() {
  const info = useTraining((s) => s.info);
  if (!info) return null;
  const two = info.workers === 2;
  return (
    <span
      className="muted small"
      data-testid="train-workers"
      data-workers={info.workers}
      title={
        two
          ? 'Each batch is split in half: this worker and a second one compute a half each on shared weights (the same results as one worker).'
          : `One worker computes each batch${info.workersWhy ? `: ${info.workersWhy}` : ''}.`
      }
    >
      {' · '}
      {two ? 'both cores (2 workers)' : '1 worker'}
    </span>
  );
}
