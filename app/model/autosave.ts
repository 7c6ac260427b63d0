// Autosave that never loses work (pure: the Storage is passed in, so Node tests drive it).
// - write-then-swap: the new copy is written to a side key and read back before it replaces the
//   saved one, so a full quota or a failed write leaves the last good copy in place;
// - a saved copy that cannot be opened (damaged, a newer format version, invalid) is moved aside,
//   never overwritten, and can be downloaded;
// - graphs replaced by a share link, an import, an example or "New" go to a short list of recent
//   graphs that can be reopened after the tab is closed.
import { boundsIssue, checkTextBounds } from '../../graph-schema/bounds.ts';
import { CURRENT_VERSION } from '../../graph-schema/schema.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { Selection } from '../store/history.ts';
import type { Viewport } from '../store/store.ts';
import { acceptGraphText, describeIssues } from './accept.ts';

/** localStorage key of the autosave (versioned so a future layout change can migrate). */
export const AUTOSAVE_KEY = 'backprop-studio:autosave:v1';
/** Side key the next copy is written to before it replaces the autosave. */
export const AUTOSAVE_NEXT_KEY = 'backprop-studio:autosave:v1:next';
/** Copies that could not be opened, kept aside (newest first). */
export const RESCUED_KEY = 'backprop-studio:rescued:v1';
/** Graphs replaced by a link, import, example or New (newest first). */
export const RECENT_KEY = 'backprop-studio:recent:v1';
/** How many rescued copies and recent graphs are kept. */
export const MAX_RESCUED = 3;
export const MAX_RECENT = 8;

/** What is autosaved on every change. */
export interface SavedSession {
  graph: Graph;
  viewport: Viewport | null;
  selection: Selection;
  theme?: 'dark' | 'light';
}

/** Why a saved copy was not opened. */
export type RefusedReason = 'damaged' | 'newer' | 'invalid';

/** A saved copy that could not be opened, kept as it was. */
export interface RescuedCopy {
  reason: RefusedReason;
  /** what the user is told */
  message: string;
  /** the stored text exactly as found */
  text: string;
  /** ms since epoch */
  at: number;
}

/** A graph that was replaced, kept for reopening. */
export interface RecentGraph {
  name: string;
  /** what replaced it, e.g. "Open shared graph" */
  reason: string;
  at: number;
  graph: Graph;
}

export type ReadResult =
  | { kind: 'none' }
  | { kind: 'ok'; session: SavedSession; text: string }
  | { kind: 'refused'; copy: RescuedCopy };

/** Reads the autosave; a copy that cannot be opened is described, not dropped. Never throws. */
export function readAutosave(storage: Storage, now = Date.now()): ReadResult {
  let text: string | null;
  try {
    text = storage.getItem(AUTOSAVE_KEY);
    // a swap interrupted after writing the side key: the side copy is the newer one
    const next = storage.getItem(AUTOSAVE_NEXT_KEY);
    if (next !== null && (text === null || parseSession(next).kind === 'ok')) text = next;
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  const r = parseSession(text);
  if (r.kind === 'ok') return { kind: 'ok', session: r.session, text };
  return { kind: 'refused', copy: { reason: r.reason, message: r.message, text, at: now } };
}

/** A saved session's text as a session, or null when it cannot be opened. */
export function parseSessionText(text: string): SavedSession | null {
  const r = parseSession(text);
  return r.kind === 'ok' ? r.session : null;
}

type Parsed = { kind: 'ok'; session: SavedSession } | { kind: 'bad'; reason: RefusedReason; message: string };

function parseSession(text: string): Parsed {
  // the same linear bounds pass as any graph text (before JSON.parse and any walk of the value)
  const bounds = checkTextBounds(text);
  if (bounds) return { kind: 'bad', reason: 'invalid', message: boundsIssue(bounds.violation).message };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'damaged', message: 'the saved copy is damaged (not readable JSON)' };
  }
  if (typeof raw !== 'object' || raw === null || !('graph' in raw))
    return { kind: 'bad', reason: 'damaged', message: 'the saved copy holds no graph' };
  const s = raw as Partial<SavedSession> & { graph: unknown };
  const version = (s.graph as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > CURRENT_VERSION) {
    const message = `the saved graph uses format version ${version}, from a newer Backprop Studio; this one reads up to version ${CURRENT_VERSION}`;
    return { kind: 'bad', reason: 'newer', message };
  }
  let graphText: string;
  try {
    graphText = JSON.stringify(s.graph) ?? '';
  } catch {
    graphText = '';
  }
  const accepted = acceptGraphText(graphText);
  if (!accepted.ok) {
    const message = `the saved graph is not valid: ${describeIssues(accepted.issues, 3)}`;
    return { kind: 'bad', reason: 'invalid', message };
  }
  return {
    kind: 'ok',
    session: {
      graph: accepted.graph,
      viewport: isViewport(s.viewport) ? s.viewport : null,
      selection: isSelection(s.selection) ? s.selection : { nodes: [], edges: [] },
      theme: s.theme === 'light' ? 'light' : 'dark',
    },
  };
}

/** The text written for a session (what other tabs compare against). */
export function sessionText(session: SavedSession): string {
  return JSON.stringify(session);
}

export type WriteResult = { ok: true; text: string } | { ok: false; quota: boolean; message: string };

/** Writes the session: side key first, read back, then swapped in. Never throws. */
export function writeAutosave(storage: Storage, session: SavedSession): WriteResult {
  const text = sessionText(session);
  try {
    storage.setItem(AUTOSAVE_NEXT_KEY, text);
    if (storage.getItem(AUTOSAVE_NEXT_KEY) !== text) throw new Error('the browser did not keep the copy');
    storage.removeItem(AUTOSAVE_NEXT_KEY); // frees room for the swap; the main key is untouched so far
    storage.setItem(AUTOSAVE_KEY, text);
    return { ok: true, text };
  } catch (e) {
    try {
      storage.removeItem(AUTOSAVE_NEXT_KEY);
    } catch {
      // storage blocked entirely: nothing more to clean up
    }
    return { ok: false, quota: isQuotaError(e), message: (e as Error)?.message ?? String(e) };
  }
}

function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  return /quota/i.test(name) || /quota/i.test((e as Error)?.message ?? '');
}

/** Moves a copy that could not be opened aside (kept for download); false when storage refused. */
export function keepAside(storage: Storage, copy: RescuedCopy): boolean {
  const list = readList<RescuedCopy>(storage, RESCUED_KEY);
  if (list.some((c) => c.text === copy.text)) return true;
  return writeList(storage, RESCUED_KEY, [copy, ...list].slice(0, MAX_RESCUED));
}

/** Copies kept aside, newest first. */
export function rescuedCopies(storage: Storage): RescuedCopy[] {
  return readList<RescuedCopy>(storage, RESCUED_KEY);
}

/** Adds a replaced graph to the recent list (skipped when empty or the same as the newest). */
export function pushRecent(storage: Storage, entry: RecentGraph): boolean {
  if (entry.graph.nodes.length === 0) return true;
  const list = readList<RecentGraph>(storage, RECENT_KEY);
  const text = JSON.stringify(entry.graph);
  if (list.length > 0 && JSON.stringify(list[0].graph) === text) return true;
  const kept = [entry, ...list.filter((r) => JSON.stringify(r.graph) !== text)];
  // when storage is short, fewer recent graphs are better than none
  for (let n = Math.min(kept.length, MAX_RECENT); n >= 1; n--) {
    if (writeList(storage, RECENT_KEY, kept.slice(0, n))) return true;
  }
  return false;
}

/** Recent graphs, newest first; entries that no longer validate are left out. */
export function recentGraphs(storage: Storage): RecentGraph[] {
  return readList<RecentGraph>(storage, RECENT_KEY).flatMap((r) => {
    let text = '';
    try {
      text = JSON.stringify(r?.graph ?? null);
    } catch {
      return []; // too deep to even write out: not a graph we saved
    }
    const accepted = acceptGraphText(text);
    return accepted.ok ? [{ ...r, graph: accepted.graph }] : [];
  });
}

function readList<T>(storage: Storage, key: string): T[] {
  try {
    const text = storage.getItem(key);
    const v: unknown = text === null ? [] : JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

function writeList<T>(storage: Storage, key: string, list: T[]): boolean {
  try {
    storage.setItem(key, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

function isViewport(v: unknown): v is Viewport {
  const o = v as Viewport | null;
  return !!o && Number.isFinite(o.x) && Number.isFinite(o.y) && Number.isFinite(o.zoom) && o.zoom > 0;
}

function isSelection(v: unknown): v is Selection {
  const o = v as Selection | null;
  return !!o && Array.isArray(o.nodes) && Array.isArray(o.edges);
}
