// The toolbar's training buttons (ARCHITECTURE.md hooks train-start/-pause/-step/-stop) plus Reset and
// the Lesson view. Hyperparameters come from the graph's training section in the inspector.
import { createPortal } from 'react-dom';
import { LessonView } from '../lessons/LessonView.tsx';
import { useLesson } from '../lessons/lessonStore.ts';
import { resetWeights, startTraining, stepOnce, stopTraining, togglePause } from './controller.ts';
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
  const busy = running || phase === 'loading';
  return (
    <div className="train-controls" data-testid="train-controls" data-phase={phase}>
      <button
        type="button"
        className="tool primary"
        data-testid="train-start"
        title="Train the graph in a background worker with the inspector's training settings"
        disabled={busy}
        onClick={() => void startTraining()}
      >
        ▶ Train
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-pause"
        title="Pause training (the weights stay), or resume it"
        disabled={phase !== 'running' && phase !== 'paused'}
        onClick={togglePause}
      >
        {phase === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-step"
        title="Exactly one mini-batch update, to explain what one step does"
        disabled={busy}
        onClick={() => void stepOnce()}
      >
        Step
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-stop"
        title="End this run (Train starts a new one)"
        disabled={!isActive(phase)}
        onClick={stopTraining}
      >
        Stop
      </button>
      <button
        type="button"
        className="tool"
        data-testid="train-reset"
        title="Back to the initial weights (same seed), step 0"
        disabled={busy}
        onClick={resetWeights}
      >
        Reset
      </button>
      <span className={`train-status phase-${phase}`} data-testid="train-status" aria-live="polite">
        {PHASE_TEXT[phase]}
        <br />
        {/* Diverged: the step that failed, the same number the message and the chart mark name. */}
        {phase === 'diverged' && divergedAt !== null ? `at step ${divergedAt}` : `step ${step}`}
      </span>
      <button
        type="button"
        className="tool"
        data-testid="open-lesson"
        title="The vanishing- and exploding-gradient lessons"
        onClick={() => useLesson.setState({ open: true })}
      >
        Lesson
      </button>
      {createPortal(<LessonView />, document.body)}
    </div>
  );
}
