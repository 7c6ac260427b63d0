// What a view shows before its first answer: "Loading the model…" while the worker still builds the
// model (right after the page opens), else what it is computing.
import { useTraining } from '../training/store.ts';

/** The placeholder line of a view without data yet. */
export function Pending({ what = 'Computing…' }: { what?: string }) {
  const loading = useTraining((t) => t.phase === 'loading');
  return (
    <p className="muted" data-testid="view-pending">
      {loading ? 'Loading the model…' : what}
    </p>
  );
}
