// Undo/redo as two stacks of immutable snapshots. Graph edits never mutate, so a snapshot is just a
// reference to the previous graph (structural sharing keeps this cheap for graphs of a few hundred nodes).
import type { Graph } from '../../graph-schema/schema.ts';

/** What the user sees as selected. */
export interface Selection {
  nodes: string[];
  edges: string[];
}

/** One undo step: the state to return to and the name of the edit that left it. */
export interface HistoryEntry {
  graph: Graph;
  selection: Selection;
  label: string;
}

/** Undo and redo stacks (newest last). */
export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/** Enough for a long session without unbounded memory. */
export const HISTORY_LIMIT = 200;

/** Records `entry` (the state before an edit) and clears redo: a new edit forks history. */
export function pushHistory(h: History, entry: HistoryEntry): History {
  const past = [...h.past, entry];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { past, future: [] };
}

/** Steps back: returns the entry to restore and the new stacks, or null when there is nothing to undo. */
export function undoStep(
  h: History,
  current: HistoryEntry,
): { restore: HistoryEntry; history: History } | null {
  const restore = h.past[h.past.length - 1];
  if (!restore) return null;
  // The redo entry keeps the label of the edit it re-applies.
  return {
    restore,
    history: { past: h.past.slice(0, -1), future: [...h.future, { ...current, label: restore.label }] },
  };
}

/** Steps forward again, or null when there is nothing to redo. */
export function redoStep(
  h: History,
  current: HistoryEntry,
): { restore: HistoryEntry; history: History } | null {
  const restore = h.future[h.future.length - 1];
  if (!restore) return null;
  return {
    restore,
    history: { past: [...h.past, { ...current, label: restore.label }], future: h.future.slice(0, -1) },
  };
}
