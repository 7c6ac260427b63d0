// The "Training" bottom tab: the live loss chart, the run's numbers and messages, the gradient legend,
// and the dataset picker.
import { DatasetPicker } from '../data/DatasetPicker.tsx';
import { RunsList } from '../runs/RunsList.tsx';
import { ReplayBar } from './ReplayBar.tsx';
import { fmtNorm } from './palette.ts';
import { GradLegend } from './GradLegend.tsx';
import { LossChart } from './LossChart.tsx';
import { TrainRate } from './TrainRate.tsx';
import { runAction } from '../actions/registry.ts';
import { useTraining } from './store.ts';
import { WorkersBadge } from './WorkersBadge.tsx';

function Metric({ label, value, testId }: { label: string; value: number | undefined; testId: string }) {
  if (value === undefined || Number.isNaN(value)) return null;
  return (
    <div className="metric" data-testid={testId} data-value={value}>
      <span className="muted small">{label}</span> <strong>{fmtNorm(value)}</strong>
    </div>
  );
}

function RunNumbers() {
  const s = useTraining();
  const total = s.info ? s.info.epochs * s.info.stepsPerEpoch : 0;
  return (
    <div className="run-numbers">
      <div className="metric">
        <span className="muted small">step</span> <strong>{s.step}</strong>
        {total > 0 && <span className="muted small"> / {total}</span>}
        <span className="muted small"> · epoch {s.epoch}</span>
        <WorkersBadge />
      </div>
      <Metric label="loss" value={s.loss} testId="metric-loss" />
      <Metric label="val loss" value={s.valLoss} testId="metric-val-loss" />
      <Metric label="accuracy" value={s.accuracy} testId="metric-accuracy" />
      <Metric label="val accuracy" value={s.valAccuracy} testId="metric-val-accuracy" />
      <Metric label="perplexity" value={s.perplexity} testId="metric-perplexity" />
      <Metric label="‖g‖ (all weights)" value={s.gradNorm || undefined} testId="metric-grad-norm" />
      <TrainRate />
    </div>
  );
}

/** The watchdog's alarm, right under the numbers: the worker has been silent too long (it may have
 *  closed itself); Stop ends it. Gone as soon as the worker speaks again. */
function StallAlert() {
  const phase = useTraining((s) => s.phase);
  const stalled = useTraining((s) => s.stalled);
  if (!stalled || phase !== 'running') return null;
  return (
    <div className="run-message error" role="alert" data-testid="train-stalled">
      {stalled}{' '}
      <button
        type="button"
        className="tool"
        data-testid="train-stalled-stop"
        onClick={() => runAction('stop')}
      >
        Stop the worker
      </button>
    </div>
  );
}

function RunMessage() {
  const phase = useTraining((s) => s.phase);
  const message = useTraining((s) => s.message);
  const info = useTraining((s) => s.info);
  if (message && (phase === 'error' || phase === 'crashed' || phase === 'diverged')) {
    return (
      <div className="run-message error" role="alert" data-testid="train-message" data-phase={phase}>
        {message}
      </div>
    );
  }
  if (!info)
    return <div className="muted small">Press Train (or Step) to train this graph in the browser.</div>;
  return (
    <div className="muted small" data-testid="train-data-info">
      {info.description} ({info.sizes.train} training rows, {info.sizes.val} validation rows)
    </div>
  );
}

/** The tab. */
export default function TrainingTab() {
  return (
    <div className="training-tab">
      <div className="training-main">
        <LossChart />
      </div>
      <div className="training-side">
        <RunNumbers />
        <StallAlert />
        <ReplayBar />
        <RunsList />
        <RunMessage />
        <GradLegend />
        <div className="training-data">
          <DatasetPicker />
        </div>
      </div>
    </div>
  );
}
