// Training commands (app/training/controller.ts), the training bar's buttons and their keys. The keys
// are single letters (like P for presenter) that no browser or editor binds without a modifier, and
// they follow a video player's habit: K pauses and resumes, "." steps one frame. Reset needs Shift
// (it drops the weights back to step 0), and so does Stop (Shift+K: K's stronger form).
import { useLesson } from '../../lessons/lessonStore.ts';
import { closeLesson, startPair, stopPair } from '../../lessons/pair.ts';
import { explodingPreset } from '../../lessons/presets.ts';
import { removeRun } from '../../runs/store.ts';
import { replaceGraph } from '../../store/store.ts';
import {
  resetWeights,
  startTraining,
  stepOnce,
  stopTraining,
  togglePause,
} from '../../training/controller.ts';
import { isActive, useTraining } from '../../training/store.ts';
import { actionGroup, effectOnly } from '../types.ts';

const phase = () => useTraining.getState().phase;
const busy = () => phase() === 'running' || phase() === 'loading';

export const TRAINING_ACTIONS = actionGroup('training', {
  train: {
    label: 'Train',
    hint: "Train the graph in a background worker with the inspector's training settings",
    keys: [{ key: 't' }],
    enabled: () => !busy(),
    perform: () => effectOnly('Train', startTraining),
  },
  pause: {
    label: 'Pause',
    hint: 'Pause training (the weights stay), or resume it',
    keys: [{ key: 'k' }],
    enabled: () => phase() === 'running' || phase() === 'paused',
    perform: () => effectOnly('Pause', togglePause),
  },
  step: {
    label: 'Step',
    hint: 'Exactly one mini-batch update, to explain what one step does (after a finished or stopped run: one more on its trained weights)',
    keys: [{ key: '.' }],
    enabled: () => !busy(),
    perform: () => effectOnly('Step', stepOnce),
  },
  stop: {
    label: 'Stop',
    hint: 'End this run (Train starts a new one)',
    keys: [{ key: 'k', shift: true }],
    enabled: () => isActive(phase()),
    perform: () => effectOnly('Stop', stopTraining),
  },
  reset: {
    label: 'Reset',
    hint: 'Back to the initial weights (same seed), step 0',
    keys: [{ key: 'r', shift: true }],
    enabled: () => !busy(),
    perform: () => effectOnly('Reset', resetWeights),
  },
  labTrainBoth: {
    label: 'Train both',
    hint: 'Gradient lab: train the vanilla RNN and the LSTM side by side',
    keys: [],
    perform: () => effectOnly('Train both', startPair),
  },
  labStopBoth: {
    label: 'Stop both',
    hint: 'Gradient lab: stop both runs (their numbers stay)',
    keys: [],
    perform: () => effectOnly('Stop both', stopPair),
  },
  labClose: {
    label: 'Close the gradient lab',
    hint: 'Close the gradient lab (its runs stop, their numbers stay)',
    keys: [],
    perform: () => effectOnly('Close the gradient lab', closeLesson),
  },
  explodingPreset: {
    label: 'Load the diverging setting and train',
    hint: 'Exploding gradients: open a setting that diverges (ReLU RNN, SGD lr 5) and train it on the canvas',
    keys: [],
    // Stop first, so the edit guard does not ask; the preset replaces the graph as one undo step.
    perform: () =>
      effectOnly('Open the exploding-gradient preset', () => {
        stopTraining();
        replaceGraph('Open the exploding-gradient preset', explodingPreset());
        useLesson.setState({ open: false });
        void startTraining();
      }),
  },
  clipAndTrain: {
    label: 'Clip and train again',
    hint: 'Exploding gradients: turn on clipping (by norm or by value) and train again',
    keys: [],
    perform: (s, clip: { type: 'norm' | 'value'; max: number }) => {
      const t = s.graph.training;
      if (!t) return undefined;
      return {
        label:
          clip.type === 'norm' ? `Clip gradients by norm ${clip.max}` : `Clip gradients by value ${clip.max}`,
        undo: 'record',
        graph: { ...s.graph, training: { ...t, clip } },
        effect: () => {
          useLesson.setState({ open: false });
          void startTraining();
        },
      };
    },
  },
  removeRun: {
    label: 'Remove run',
    hint: 'Remove a kept run from the runs list (and from this browser’s storage)',
    keys: [],
    perform: (_s, id: string) => effectOnly(`Remove run ${id}`, () => removeRun(id)),
  },
  gradientLab: {
    label: 'Gradient lab',
    hint: 'The gradient lab: vanilla RNN and LSTM trained side by side, and the exploding-gradient preset (lessons with steps are in the Lessons menu)',
    keys: [],
    perform: () => effectOnly('Gradient lab', () => useLesson.setState({ open: true })),
  },
});
