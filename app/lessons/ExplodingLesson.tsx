// The exploding-gradient lesson: open a setting that diverges (ReLU RNN, SGD lr 5) and train it on the
// canvas, where the divergence is marked; then turn on clipping by norm or by value and train again.
import { runAction, tooltipOf } from '../actions/registry.ts';
import { ExplodingCaptions } from './captions.tsx';

/** The lesson's second tab. */
export function ExplodingLesson() {
  return (
    <div className="lesson-body">
      <ExplodingCaptions />
      <div className="lesson-controls">
        <button
          type="button"
          className="tool primary"
          data-testid="lesson-explode-load"
          title={tooltipOf('explodingPreset')}
          onClick={() => runAction('explodingPreset')}
        >
          1. Load the diverging setting and train
        </button>
        <button
          type="button"
          className="tool"
          data-testid="lesson-clip-norm"
          onClick={() => runAction('clipAndTrain', { type: 'norm', max: 1 })}
        >
          2a. Clip by norm (max 1) and train again
        </button>
        <button
          type="button"
          className="tool"
          data-testid="lesson-clip-value"
          onClick={() => runAction('clipAndTrain', { type: 'value', max: 0.1 })}
        >
          2b. Clip by value (±0.1) and train again
        </button>
      </div>
      <p className="muted small">
        The canvas shows where it diverged (a pink edge and a "diverged" mark on the node); the Training tab
        gives the message. Clipping is also in the inspector's training settings.
      </p>
    </div>
  );
}
