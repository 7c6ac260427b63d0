// The action table: every toolbar button and keyboard shortcut is one entry here (excalidraw's habit),
// so a shortcut and its button can never drift apart.
import { fitView } from '../canvas/bridge.ts';
import { redo, showToast, undo, useStudio } from '../store/store.ts';
import { togglePresenter } from '../store/view.ts';
import { resetWeights, startTraining, stepOnce, stopTraining, togglePause } from '../training/controller.ts';
import { autoLayoutAction, copyAction, deleteSelectionAction, pasteAction, selectAllAction } from './edit.ts';
import { exportAction, newGraphAction, shareAction } from './files.ts';

/** A key combination; `mod` is Ctrl on Linux/Windows and Cmd on macOS. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

/** A user command. */
export interface Action {
  id: string;
  label: string;
  /** tooltip text (the shortcut is appended by the toolbar) */
  hint: string;
  keys: Shortcut[];
  perform: () => void;
}

function undoAction(): void {
  const label = undo();
  showToast(label ? `Undid: ${label}` : 'Nothing to undo');
}

function redoAction(): void {
  const label = redo();
  showToast(label ? `Redid: ${label}` : 'Nothing to redo');
}

/** Every action, by id. */
export const ACTIONS: Record<string, Action> = {
  new: { id: 'new', label: 'New', hint: 'Start an empty graph', keys: [], perform: () => newGraphAction() },
  examples: {
    id: 'examples',
    label: 'Examples',
    hint: 'Open an example graph',
    keys: [],
    perform: () => useStudio.setState({ dialog: 'examples' }),
  },
  import: {
    id: 'import',
    label: 'Import',
    hint: 'Open a graph .json file (or drop it on the canvas)',
    keys: [{ key: 'o', mod: true }],
    perform: () => document.getElementById('import-file-input')?.click(),
  },
  export: {
    id: 'export',
    label: 'Export',
    hint: 'Download the graph as JSON',
    keys: [{ key: 's', mod: true }],
    perform: exportAction,
  },
  share: {
    id: 'share',
    label: 'Share',
    hint: 'Copy a link that carries this graph',
    keys: [],
    perform: shareAction,
  },
  undo: {
    id: 'undo',
    label: 'Undo',
    hint: 'Undo the last edit',
    keys: [{ key: 'z', mod: true }],
    perform: undoAction,
  },
  redo: {
    id: 'redo',
    label: 'Redo',
    hint: 'Redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    perform: redoAction,
  },
  layout: {
    id: 'layout',
    label: 'Auto-layout',
    hint: 'Arrange the nodes left to right',
    keys: [{ key: 'l', shift: true }],
    perform: () => {
      autoLayoutAction();
      requestAnimationFrame(fitView);
    },
  },
  fit: {
    id: 'fit',
    label: 'Fit view',
    hint: 'Show the whole graph',
    keys: [{ key: 'f', shift: true }],
    perform: fitView,
  },
  theme: {
    id: 'theme',
    label: 'Theme',
    hint: 'Switch between dark and light',
    keys: [],
    perform: () => useStudio.setState((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  },
  presenter: {
    id: 'presenter',
    label: 'Present',
    hint: 'Presenter mode: hide the side panels and minimap, large type, high contrast',
    keys: [{ key: 'p' }],
    perform: () => {
      togglePresenter();
      // The canvas changes size: fit the graph again once the new layout is in place.
      requestAnimationFrame(() => requestAnimationFrame(fitView));
    },
  },
  keys: {
    id: 'keys',
    label: 'Keys',
    hint: 'Show the keyboard shortcuts',
    keys: [{ key: '?', shift: true }],
    perform: () => useStudio.setState({ dialog: 'keys' }),
  },
  delete: {
    id: 'delete',
    label: 'Delete',
    hint: 'Delete the selection',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    perform: deleteSelectionAction,
  },
  copy: {
    id: 'copy',
    label: 'Copy',
    hint: 'Copy the selected nodes',
    keys: [{ key: 'c', mod: true }],
    perform: copyAction,
  },
  paste: {
    id: 'paste',
    label: 'Paste',
    hint: 'Paste copied nodes',
    keys: [{ key: 'v', mod: true }],
    perform: pasteAction,
  },
  // training (app/training/controller.ts): the buttons of the training bar
  train: {
    id: 'train',
    label: 'Train',
    hint: "Train the graph in a background worker with the inspector's training settings",
    keys: [],
    perform: () => void startTraining(),
  },
  pause: {
    id: 'pause',
    label: 'Pause',
    hint: 'Pause training (the weights stay), or resume it',
    keys: [],
    perform: togglePause,
  },
  step: {
    id: 'step',
    label: 'Step',
    hint: 'Exactly one mini-batch update, to explain what one step does',
    keys: [],
    perform: () => void stepOnce(),
  },
  stop: {
    id: 'stop',
    label: 'Stop',
    hint: 'End this run (Train starts a new one)',
    keys: [],
    perform: stopTraining,
  },
  reset: {
    id: 'reset',
    label: 'Reset',
    hint: 'Back to the initial weights (same seed), step 0',
    keys: [],
    perform: resetWeights,
  },
  selectAll: {
    id: 'selectAll',
    label: 'Select all',
    hint: 'Select every node and edge',
    keys: [{ key: 'a', mod: true }],
    perform: selectAllAction,
  },
};

/** The shortcut as shown to the user, e.g. "Ctrl+Shift+Z". */
export function shortcutLabel(s: Shortcut, mac = false): string {
  const parts: string[] = [];
  if (s.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (s.shift) parts.push('Shift');
  parts.push(s.key.length === 1 ? s.key.toUpperCase() : s.key);
  return parts.join('+');
}

/** The action a key event triggers, if any. Pure, so the mapping is unit-tested. */
export function actionForKey(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  actions: Record<string, Action> = ACTIONS,
): Action | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  for (const a of Object.values(actions)) {
    for (const k of a.keys) {
      if (k.key.toLowerCase() === key.toLowerCase() && !!k.mod === mod && !!k.shift === e.shiftKey) return a;
    }
  }
  return null;
}
