// The exploding-gradient lesson: open a setting that diverges (ReLU RNN, SGD lr 5) and train it on the
// canvas, where the divergence is marked; then turn on clipping by norm or by value and train again.
import { runAction } from '../actions/registry.ts';
import { replaceGraph, useStudio } from '../store/store.ts';
import { startTraining, stopTraining } from '../training/controller.ts';
import { ExplodingCaptions } from './captions.tsx';
import { useLesson } from './lessonStore.ts';
import { explodingPreset } from './presets.ts';

/** The lesson's second tab. */
export function ExplodingLesson() {
  const setClip = (clip: { type: 'norm' | 'value'; max: number } | null, label: string) => {
    const t = useStudio.getState().graph.training;
    if (t) runAction('setTraining', { label, training: { ...t, clip } });
  };
  const close = () => useLesson.setState({ open: false });
  return (
    <div className="lesson-body">
      <ExplodingCaptions />
      <div className="lesson-controls">
        <button
          type="button"
          className="tool primary"
          data-testid="lesson-explode-load"
          onClick={() => {
            stopTraining();
            replaceGraph('Open the exploding-gradient preset', explodingPreset());
            close();
            void startTraining();
          }}
        >
          1. Load the diverging setting and train
        </button>
        <button
          type="button"
          className="tool"
          data-testid="lesson-clip-norm"
          onClick={() => {
            setClip({ type: 'norm', max: 1 }, 'Clip gradients by norm 1');
            close();
            void startTraining();
          }}
        >
          2a. Clip by norm (max 1) and train again
        </button>
        <button
          type="button"
          className="tool"
          data-testid="lesson-clip-value"
          onClick={() => {
            setClip({ type: 'value', max: 0.1 }, 'Clip gradients by value 0.1');
            close();
            void startTraining();
          }}
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
