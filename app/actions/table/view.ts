// View commands: fit, theme, presenter mode, the Keys dialog, and Escape (closes the dialog, the open
// view window and the gradient lab). None is an undo step.
import { fitView } from '../../canvas/bridge.ts';
import { useLesson } from '../../lessons/lessonStore.ts';
import { closeLesson } from '../../lessons/pair.ts';
import { togglePresenter } from '../../store/view.ts';
import { closeView, useViews } from '../../views/store.ts';
import { actionGroup, effectOnly } from '../types.ts';

export const VIEW_ACTIONS = actionGroup('view', {
  fit: {
    label: 'Fit view',
    hint: 'Show the whole graph',
    keys: [{ key: 'f', shift: true }],
    perform: () => effectOnly('Fit view', fitView),
  },
  theme: {
    label: 'Theme',
    hint: 'Switch between dark and light (light is best on most projectors)',
    keys: [],
    perform: (s) => ({
      label: 'Theme',
      undo: 'none',
      patch: { theme: s.theme === 'dark' ? 'light' : 'dark' },
    }),
  },
  presenter: {
    label: 'Present',
    hint: 'Presenter mode: hide the side panels and minimap, large type, high contrast',
    keys: [{ key: 'p' }],
    perform: () =>
      effectOnly('Present', () => {
        togglePresenter();
        // The canvas changes size: fit the graph again once the new layout is in place.
        requestAnimationFrame(() => requestAnimationFrame(fitView));
      }),
  },
  keys: {
    label: 'Keys',
    hint: 'Show the keyboard shortcuts',
    keys: [{ key: '?', shift: true }],
    perform: () => ({ label: 'Keys', undo: 'none', patch: { dialog: 'keys' } }),
  },
  close: {
    label: 'Close',
    hint: 'Close the dialog, the open view and the gradient lab',
    keys: [{ key: 'Escape' }],
    inDialog: true,
    perform: (s) => {
      // nothing open: leave Escape to whatever has the focus
      if (!s.dialog && !useViews.getState().open && !useLesson.getState().open) return undefined;
      return {
        label: 'Close',
        undo: 'none',
        patch: s.dialog ? { dialog: null } : undefined,
        effect: () => {
          closeView();
          closeLesson();
        },
      };
    },
  },
});
