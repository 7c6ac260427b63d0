// View commands: fit, theme, presenter mode, the Keys dialog, and Escape (closes the dialog, the open
// view window and the gradient lab). None is an undo step.
import { fitView } from '../../canvas/bridge.ts';
import { useChallengeUi } from '../../challenge/store.ts';
import { useLesson } from '../../lessons/lessonStore.ts';
import { closeLesson } from '../../lessons/pair.ts';
import { togglePresenter } from '../../store/view.ts';
import { closeView, type OpenView, openView, useViews } from '../../views/store.ts';
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
  showTab: {
    label: 'Show tab',
    hint: 'Bring a bottom-panel tab forward (Summary, JSON, Training, Try it)',
    keys: [],
    perform: (_s, tab: string) => ({ label: `Show ${tab}`, undo: 'none', patch: { activeTab: tab } }),
  },
  openView: {
    label: 'Open view',
    hint: "Open one of a node's views (gates, next-token table, embedding map, values, layer gradients, attention)",
    keys: [],
    perform: (_s, v: OpenView) =>
      effectOnly(`Open ${v.kind} of ${v.nodeId}`, () => openView(v.kind, v.nodeId)),
  },
  closeView: {
    label: 'Close view',
    hint: 'Close the open view',
    keys: [],
    perform: () => effectOnly('Close view', closeView),
  },
  dismissToast: {
    label: 'Dismiss message',
    hint: 'Hide the message at the bottom',
    keys: [],
    perform: () => ({ label: 'Dismiss message', undo: 'none', patch: { toast: null } }),
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
      const challenge = useChallengeUi.getState().dialogOpen;
      if (!s.dialog && !challenge && !useViews.getState().open && !useLesson.getState().open)
        return undefined;
      return {
        label: 'Close',
        undo: 'none',
        patch: s.dialog ? { dialog: null } : undefined,
        effect: () => {
          useChallengeUi.setState({ dialogOpen: false });
          closeView();
          closeLesson();
        },
      };
    },
  },
});
