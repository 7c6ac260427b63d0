// The action table: every command of the app is one named entry (one descriptor each, grouped in
// table/*.ts). Toolbar and menu buttons, the training bar, the canvas, the inspector, the palette,
// the keyboard shortcuts and the Keys dialog all read it, so a shortcut cannot exist without being
// listed and a button cannot drift from its key. See docs/actions.md.
import { commit, select, showToast, useStudio } from '../store/store.ts';
import { CANVAS_ACTIONS } from './table/canvas.ts';
import { FILE_ACTIONS } from './table/file.ts';
import { HISTORY_ACTIONS } from './table/history.ts';
import { LESSON_ACTIONS } from './table/lessons.ts';
import { SELECTION_ACTIONS } from './table/selection.ts';
import { TRAINING_ACTIONS } from './table/training.ts';
import { VIEW_ACTIONS } from './table/view.ts';
import { type Action, type ActionResult, keyMatches, type Shortcut, shortcutLabel } from './types.ts';

export { type Action, type ActionResult, type Shortcut, shortcutLabel } from './types.ts';

/** The group tables (a test checks no name is in two of them: the spread below would hide it). */
export const ACTION_TABLES = [
  FILE_ACTIONS,
  HISTORY_ACTIONS,
  SELECTION_ACTIONS,
  CANVAS_ACTIONS,
  VIEW_ACTIONS,
  TRAINING_ACTIONS,
  LESSON_ACTIONS,
] as const;

/** Every action, by name. */
export const ACTIONS = {
  ...FILE_ACTIONS,
  ...HISTORY_ACTIONS,
  ...SELECTION_ACTIONS,
  ...CANVAS_ACTIONS,
  ...VIEW_ACTIONS,
  ...TRAINING_ACTIONS,
  ...LESSON_ACTIONS,
};

export type ActionName = keyof typeof ACTIONS;
/** The argument an action's callers pass (undefined for buttons and keys). */
export type ArgOf<N extends ActionName> = Parameters<(typeof ACTIONS)[N]['perform']>[1];

/** Runs an action by name on the current state and applies what perform() returned: store fields, the
 *  graph edit through `commit` (undo policy, edit guards), the selection, a toast, then the effect.
 *  Returns the result, or undefined when the action did not apply (disabled, nothing to do, or a
 *  guard refused the edit). */
export function runAction<N extends ActionName>(
  name: N,
  ...arg: undefined extends ArgOf<N> ? [ArgOf<N>?] : [ArgOf<N>]
): ActionResult | undefined {
  return applyAction(ACTIONS[name] as unknown as Action<unknown>, arg[0]);
}

/** Applies one action (also for a key event's action, whose name is not known statically). */
export function applyAction(action: Action<unknown>, arg?: unknown): ActionResult | undefined {
  if (action.enabled && !action.enabled()) return undefined;
  const r = action.perform(useStudio.getState(), arg);
  if (!r) return undefined;
  if (r.graph && r.undo !== 'none') {
    const policy = r.undo;
    if (!commit(r.label, r.graph, policy, r.selection, r.coalesceKey)) return undefined;
  } else if (r.selection) select(r.selection);
  if (r.patch) useStudio.setState(r.patch);
  if (r.toast) showToast(r.toast.text, r.toast.kind);
  if (r.effect) void r.effect();
  return r;
}

/** A button's tooltip: the action's hint and its keys, e.g. "Undo the last edit (Ctrl+Z)". */
export function tooltipOf(name: ActionName, mac = isMac()): string {
  const a = ACTIONS[name] as unknown as Action<unknown>;
  const keys = a.keys.map((k) => shortcutLabel(k, mac)).join(' or ');
  return keys ? `${a.hint} (${keys})` : a.hint;
}

/** The keys in aria-keyshortcuts form ("Control+Z Control+Shift+Z"), or undefined when there are none. */
export function ariaKeysOf(name: ActionName, mac = isMac()): string | undefined {
  const a = ACTIONS[name] as unknown as Action<unknown>;
  const one = (k: Shortcut) =>
    [
      k.mod ? (mac ? 'Meta' : 'Control') : '',
      k.shift ? 'Shift' : '',
      k.key.length === 1 ? k.key.toUpperCase() : k.key,
    ]
      .filter(Boolean)
      .join('+');
  return a.keys.length ? a.keys.map(one).join(' ') : undefined;
}

/** True on Apple keyboards (Cmd shown instead of Ctrl). */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** Every action as a list (table order). */
export function allActions(): Action<unknown>[] {
  return Object.values(ACTIONS) as unknown as Action<unknown>[];
}

/** The action a key event triggers, if any. Pure, so the mapping is unit-tested. */
export function actionForKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): Action<unknown> | null {
  for (const a of allActions()) if (a.keys.some((k) => keyMatches(k, e))) return a;
  return null;
}

/** Keys and gestures handled by the focused element or the canvas itself rather than globally
 *  (native buttons, React Flow, fields, menus). The Keys dialog lists them after the table's shortcuts. */
export const ELEMENT_KEYS: { keys: string; what: string }[] = [
  { keys: 'Enter (on a palette item)', what: 'Add the layer after the selected node, wired to it' },
  { keys: 'Arrow keys (on a node)', what: 'Nudge the node (one undo step each)' },
  { keys: 'Shift+drag, Shift/Ctrl+click', what: 'Select several (a box, or one more)' },
  { keys: 'Space+drag, drag on empty canvas', what: 'Pan the canvas' },
  { keys: 'Ctrl+scroll, pinch', what: 'Zoom the canvas' },
  { keys: 'Escape (in a field)', what: 'Restore the field’s value' },
  { keys: 'Arrow keys, Escape (in a menu)', what: 'Move between items, close the menu' },
];

/** One row of the Keys dialog. */
export interface KeyRow {
  name: string;
  keys: Shortcut[];
  hint: string;
}

/** Group titles of the Keys dialog, in its order. */
export const GROUP_TITLES: Record<Action['group'], string> = {
  training: 'Training',
  edit: 'Edit',
  canvas: 'Canvas',
  view: 'View',
  lessons: 'Lessons',
  file: 'File',
};

/** The Keys dialog's shortcut rows: every action that has keys, by group. */
export function keyRows(): { group: Action['group']; rows: KeyRow[] }[] {
  const withKeys = allActions().filter((a) => a.keys.length > 0);
  return (Object.keys(GROUP_TITLES) as Action['group'][])
    .map((group) => ({
      group,
      rows: withKeys
        .filter((a) => a.group === group)
        .map((a) => ({ name: a.name, keys: a.keys, hint: a.hint })),
    }))
    .filter((g) => g.rows.length > 0);
}
