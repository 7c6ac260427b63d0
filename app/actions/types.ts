// What an action is (excalidraw's habit): a named command whose `perform(state, arg)` only DESCRIBES
// what changes (a graph, a selection, other store fields, a toast, and an effect outside the store such
// as the training worker or a download) plus how undo treats it. `runAction` (registry.ts) applies it.
import type { Graph } from '../../graph-schema/schema.ts';
import type { Selection } from '../store/history.ts';
import type { StudioState, Toast, UndoPolicy } from '../store/store.ts';

/** A key combination; `mod` is Ctrl on Linux/Windows and Cmd on macOS. `key` is KeyboardEvent.key
 *  (a letter in lower case). */
export interface Shortcut {
  key: string;
  mod?: boolean;
  shift?: boolean;
}

/** Where an action shows in the Keys dialog. */
export type ActionGroup = 'file' | 'edit' | 'canvas' | 'view' | 'training' | 'lessons';

/**
 * What a command changes. `undo`: `record` = one undo step; `coalesce` = one step for a run of edits
 * with the same `coalesceKey` (a drag's frames, one field set again); `skip` = a graph change without a
 * step; `none` = nothing undoable (view, clipboard, effects).
 */
export interface ActionResult {
  label: string;
  undo: UndoPolicy | 'none';
  graph?: Graph;
  coalesceKey?: string;
  selection?: Selection;
  patch?: Partial<StudioState>;
  toast?: { text: string; kind?: Toast['kind'] };
  /** work outside the store (worker, files, canvas view), run after the store changes are applied */
  effect?: () => unknown;
}

/** A user command; `A` is the argument its callers pass (void for keys and buttons). */
export interface Action<A = void> {
  name: string;
  label: string;
  /** tooltip and Keys dialog text */
  hint: string;
  group: ActionGroup;
  /** global shortcuts (useShortcuts.ts); only for actions that need no argument */
  keys: Shortcut[];
  /** runs while a dialog is open too (closing it) */
  inDialog?: boolean;
  /** false greys out its button and makes its shortcut do nothing (reads other stores, e.g. training) */
  enabled?: () => boolean;
  perform: (state: StudioState, arg: A) => ActionResult | undefined;
}

type Spec<A> = Omit<Action<A>, 'name' | 'group'>;

/** Names a group's actions by their keys, so a name and its key cannot differ. */
export function actionGroup<T extends Record<string, Spec<never>>>(
  group: ActionGroup,
  specs: T,
): { [K in keyof T & string]: T[K] & { name: K; group: ActionGroup } } {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = { ...spec, name, group };
  return out as { [K in keyof T & string]: T[K] & { name: K; group: ActionGroup } };
}

/** A command done outside the store (an effect with nothing undoable). */
export function effectOnly(label: string, effect: () => unknown): ActionResult {
  return { label, undo: 'none', effect };
}

/** The shortcut as shown to the user, e.g. "Ctrl+Shift+Z". */
export function shortcutLabel(s: Shortcut, mac = false): string {
  const parts: string[] = [];
  if (s.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (s.shift) parts.push('Shift');
  parts.push(s.key === ' ' ? 'Space' : s.key.length === 1 ? s.key.toUpperCase() : s.key);
  return parts.join('+');
}

/** True when the key event is this shortcut (Alt never matches: it is the browser's and the OS's). */
export function keyMatches(
  s: Shortcut,
  e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
): boolean {
  if (e.altKey) return false;
  return (
    s.key.toLowerCase() === e.key.toLowerCase() &&
    !!s.mod === (e.ctrlKey || e.metaKey) &&
    !!s.shift === e.shiftKey
  );
}
