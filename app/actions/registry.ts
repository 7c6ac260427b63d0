// The action table: every toolbar button and keyboard shortcut is one entry here (excalidraw's habit),
// so a shortcut and its button can never drift apart.
import { fitView } from '../canvas/bridge.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { Selection } from '../store/history.ts';
import {
  commit,
  redo,
  select,
  showToast,
  type StudioState,
  type UndoPolicy,
  undo,
  useStudio,
} from '../store/store.ts';
import { togglePresenter } from '../store/view.ts';
import { resetWeights, startTraining, stepOnce, stopTraining, togglePause } from '../training/controller.ts';
import { autoLayoutAction, copySelection, deleteSelection, pasteClipboard } from './edit.ts';
import { exportAction, newGraphAction, shareAction } from './files.ts';

/** A key combination; `mod` is Ctrl on Linux/Windows and Cmd on macOS. */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

/**
 * What a command changed (excalidraw's ActionResult): a new graph and/or selection, other store
 * fields, and how undo treats it. `runAction` applies it; commands whose work is outside the store
 * (files, the worker, the view) do it themselves and return nothing.
 */
export interface ActionResult {
  label: string;
  /** `record`: one undo step; `skip`: a graph change without one; `none`: nothing undoable changed */
  undo: UndoPolicy | 'none';
  graph?: Graph;
  selection?: Selection;
  patch?: Partial<StudioState>;
}

/** A user command. */
export interface Action {
  id: string;
  label: string;
  /** tooltip text (the shortcut is appended by the toolbar) */
  hint: string;
  keys: Shortcut[];
  perform: (state: StudioState, arg?: unknown) => ActionResult | undefined;
}

/** Runs a command on the current state and applies what it returns. */
export function runAction(action: Action, arg?: unknown): void {
  const r = action.perform(useStudio.getState(), arg);
  if (!r) return;
  if (r.patch) useStudio.setState(r.patch);
  if (r.graph && r.undo !== 'none') commit(r.label, r.graph, r.undo, r.selection);
  else if (r.selection) select(r.selection);
}

/** A command done outside the store (effects only). */
const effect = (f: () => unknown) => (): undefined => {
  void f();
  return undefined;
};

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
  new: { id: 'new', label: 'New', hint: 'Start an empty graph', keys: [], perform: effect(newGraphAction) },
  examples: {
    id: 'examples',
    label: 'Examples',
    hint: 'Open an example graph',
    keys: [],
    perform: () => ({ label: 'Examples', undo: 'none', patch: { dialog: 'examples' } }),
  },
  import: {
    id: 'import',
    label: 'Import',
    hint: 'Open a graph .json file (or drop it on the canvas)',
    keys: [{ key: 'o', mod: true }],
    perform: effect(() => document.getElementById('import-file-input')?.click()),
  },
  export: {
    id: 'export',
    label: 'Export',
    hint: 'Download the graph as JSON',
    keys: [{ key: 's', mod: true }],
    perform: effect(exportAction),
  },
  share: {
    id: 'share',
    label: 'Share',
    hint: 'Copy a link that carries this graph',
    keys: [],
    perform: effect(shareAction),
  },
  undo: {
    id: 'undo',
    label: 'Undo',
    hint: 'Undo the last edit',
    keys: [{ key: 'z', mod: true }],
    perform: effect(undoAction),
  },
  redo: {
    id: 'redo',
    label: 'Redo',
    hint: 'Redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    perform: effect(redoAction),
  },
  layout: {
    id: 'layout',
    label: 'Auto-layout',
    hint: 'Arrange the nodes left to right',
    keys: [{ key: 'l', shift: true }],
    perform: effect(() => {
      autoLayoutAction();
      requestAnimationFrame(fitView);
    }),
  },
  fit: {
    id: 'fit',
    label: 'Fit view',
    hint: 'Show the whole graph',
    keys: [{ key: 'f', shift: true }],
    perform: effect(fitView),
  },
  theme: {
    id: 'theme',
    label: 'Theme',
    hint: 'Switch between dark and light',
    keys: [],
    perform: (s) => ({
      label: 'Theme',
      undo: 'none',
      patch: { theme: s.theme === 'dark' ? 'light' : 'dark' },
    }),
  },
  presenter: {
    id: 'presenter',
    label: 'Present',
    hint: 'Presenter mode: hide the side panels and minimap, large type, high contrast',
    keys: [{ key: 'p' }],
    perform: effect(() => {
      togglePresenter();
      // The canvas changes size: fit the graph again once the new layout is in place.
      requestAnimationFrame(() => requestAnimationFrame(fitView));
    }),
  },
  keys: {
    id: 'keys',
    label: 'Keys',
    hint: 'Show the keyboard shortcuts',
    keys: [{ key: '?', shift: true }],
    perform: () => ({ label: 'Keys', undo: 'none', patch: { dialog: 'keys' } }),
  },
  delete: {
    id: 'delete',
    label: 'Delete',
    hint: 'Delete the selection',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    perform: deleteSelection,
  },
  copy: {
    id: 'copy',
    label: 'Copy',
    hint: 'Copy the selected nodes',
    keys: [{ key: 'c', mod: true }],
    perform: copySelection,
  },
  paste: {
    id: 'paste',
    label: 'Paste',
    hint: 'Paste copied nodes',
    keys: [{ key: 'v', mod: true }],
    perform: pasteClipboard,
  },
  // training (app/training/controller.ts): the buttons of the training bar
  train: {
    id: 'train',
    label: 'Train',
    hint: "Train the graph in a background worker with the inspector's training settings",
    keys: [],
    perform: effect(startTraining),
  },
  pause: {
    id: 'pause',
    label: 'Pause',
    hint: 'Pause training (the weights stay), or resume it',
    keys: [],
    perform: effect(togglePause),
  },
  step: {
    id: 'step',
    label: 'Step',
    hint: 'Exactly one mini-batch update, to explain what one step does',
    keys: [],
    perform: effect(stepOnce),
  },
  stop: {
    id: 'stop',
    label: 'Stop',
    hint: 'End this run (Train starts a new one)',
    keys: [],
    perform: effect(stopTraining),
  },
  reset: {
    id: 'reset',
    label: 'Reset',
    hint: 'Back to the initial weights (same seed), step 0',
    keys: [],
    perform: effect(resetWeights),
  },
  selectAll: {
    id: 'selectAll',
    label: 'Select all',
    hint: 'Select every node and edge',
    keys: [{ key: 'a', mod: true }],
    perform: (s) => ({
      label: 'Select all',
      undo: 'none',
      selection: { nodes: s.graph.nodes.map((n) => n.id), edges: s.graph.edges.map((e) => e.id) },
    }),
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
