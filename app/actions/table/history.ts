// Undo and redo: the store's two stacks (store/history.ts), with a toast naming the step.
import { redo, showToast, undo } from '../../store/store.ts';
import { actionGroup, effectOnly } from '../types.ts';

export const HISTORY_ACTIONS = actionGroup('edit', {
  undo: {
    label: 'Undo',
    hint: 'Undo the last edit',
    keys: [{ key: 'z', mod: true }],
    perform: () =>
      effectOnly('Undo', () => {
        const label = undo();
        showToast(label ? `Undid: ${label}` : 'Nothing to undo');
      }),
  },
  redo: {
    label: 'Redo',
    hint: 'Redo the last undone edit',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    perform: () =>
      effectOnly('Redo', () => {
        const label = redo();
        showToast(label ? `Redid: ${label}` : 'Nothing to redo');
      }),
  },
});
