// The toolbar's training buttons (ARCHITECTURE.md hooks train-start/-pause/-step/-stop) plus Reset and
// the gradient lab's view (opened from the Lessons menu). Hyperparameters come from the inspector.
import { createPortal } from 'react-dom';
import { LessonView } from '../lessons/LessonView.tsx';
import { ariaKeysOf, runAction, tooltipOf } from '../actions/registry.ts';
import { isActive, useTraining } from './store.ts';

const PHASE_TEXT: Record<string, string> = {
  idle: 'ready',
  loading: 'loading…',
  running: 'training',
  paused: 'paused',
  finished: 'finished',
  diverged: 'diverged',
  stopped: 'stopped',
  error: 'cannot train',
  crashed: 'worker crashed',
};

/** Train / Pause-Resume / Step / Stop / Reset and the status. */
export function TrainControls() {
  const phase = useTraining((s) => s.phase);
  const step = useTraining((s) => s.step);
  const divergedAt = useTraining((s) => s.divergedAt);
  const running = phase === 'running';
  // the watchdog heard nothing from the worker for too long (it may have closed itself)
  const stalled = useTraining((s) => s.stalled !== null) && running;
  const busy = running || phase === 'loading';
  // Paused at step 0 (after Reset, or a model loaded for the views): nothing trained yet, nothing to
  // resume; Train or Step start. Say "ready" as before the first run (data-phase stays "paused").
  const ready = phase === 'paused' && step === 0;
  return (
    <div className="train-controls" data-testid="train-controls" data-phase={phase} data-stalled={stalled}>
      <button
        type="button"
        className="tool primary"
        data-testid="train-start"
        title={tooltipOf('train')}
        aria-keyshortcuts={ariaKeysOf('train')}
        disabled={busy}
        onClick={() => runAction('train')}
      >
        ▶ Train
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-pause"
        title={tooltipOf('pause')}
        aria-keyshortcuts={ariaKeysOf('pause')}
        disabled={phase !== 'running' && (phase !== 'paused' || ready)}
        onClick={() => runAction('pause')}
      >
        {phase === 'paused' && !ready ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-step"
        title={tooltipOf('step')}
        aria-keyshortcuts={ariaKeysOf('step')}
        disabled={busy}
        onClick={() => runAction('step')}
      >
        Step
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-stop"
        title={tooltipOf('stop')}
        aria-keyshortcuts={ariaKeysOf('stop')}
        disabled={!isActive(phase)}
        onClick={() => runAction('stop')}
      >
        Stop
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-reset"
        title={tooltipOf('reset')}
        aria-keyshortcuts={ariaKeysOf('reset')}
        disabled={busy}
        onClick={() => runAction('reset')}
      >
        Reset
      </button>
      <span
        className={`train-status phase-${ready ? 'idle' : phase}${stalled ? ' stalled' : ''}`}
        data-testid="train-status"
        data-ready={ready ? 'true' : undefined}
        aria-live="polite"
      >
        {stalled ? 'not responding' : ready ? PHASE_TEXT.idle : PHASE_TEXT[phase]}
        <br />
        {/* Diverged: the step that failed, the same number the message and the chart mark name. */}
        {phase === 'diverged' && divergedAt !== null ? `at step ${divergedAt}` : `step ${step}`}
      </span>
      {createPortal(<LessonView />, document.body)}
    </div>
  );
}
