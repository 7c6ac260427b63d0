// Training commands (app/training/controller.ts), the training bar's buttons and their keys. The keys
// are single letters (like P for presenter) that no browser or editor binds without a modifier, and
// they follow a video player's habit: K pauses and resumes, "." steps one frame. Reset needs Shift
// (it drops the weights back to step 0), and so does Stop (Shift+K: K's stronger form).
import { useLesson } from '../../lessons/lessonStore.ts';
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
    hint: 'Exactly one mini-batch update, to explain what one step does',
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
  gradientLab: {
    label: 'Gradient lab',
    hint: 'The gradient lab: vanilla RNN and LSTM trained side by side, and the exploding-gradient preset (lessons with steps are in the Lessons menu)',
    keys: [],
    perform: () => effectOnly('Gradient lab', () => useLesson.setState({ open: true })),
  },
});
