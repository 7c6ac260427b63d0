// Autosave (localStorage) and share links (#g=<lz-string compressed graph JSON>).
// Both go through acceptParsed, so a tampered link or an old autosave can never load a broken graph.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { Selection } from '../store/history.ts';
import type { Viewport } from '../store/store.ts';
import { type Accepted, acceptParsed } from './accept.ts';

/** localStorage key of the autosave (versioned so a future layout change can migrate). */
export const AUTOSAVE_KEY = 'backprop-studio:autosave:v1';

/** What is autosaved on every change. */
export interface SavedSession {
  graph: Graph;
  viewport: Viewport | null;
  selection: Selection;
  theme?: 'dark' | 'light';
}

/** Writes the session; quota or privacy-mode failures are reported, not thrown. */
export function saveSession(storage: Storage, session: SavedSession): boolean {
  try {
    storage.setItem(AUTOSAVE_KEY, JSON.stringify(session));
    return true;
  } catch {
    return false;
  }
}

/** Reads the autosaved session, or null when there is none or it is not a usable graph. */
export function loadSession(storage: Storage): SavedSession | null {
  let raw: unknown;
  try {
    const text = storage.getItem(AUTOSAVE_KEY);
    if (text === null) return null;
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const s = raw as Partial<SavedSession>;
  const accepted = acceptParsed(validateGraph(s.graph));
  if (!accepted.ok) return null;
  return {
    graph: accepted.graph,
    viewport: isViewport(s.viewport) ? s.viewport : null,
    selection: isSelection(s.selection) ? s.selection : { nodes: [], edges: [] },
    theme: s.theme === 'light' ? 'light' : 'dark',
  };
}

function isViewport(v: unknown): v is Viewport {
  const o = v as Viewport | null;
  return !!o && Number.isFinite(o.x) && Number.isFinite(o.y) && Number.isFinite(o.zoom) && o.zoom > 0;
}

function isSelection(v: unknown): v is Selection {
  const o = v as Selection | null;
  return !!o && Array.isArray(o.nodes) && Array.isArray(o.edges);
}

/** The share-link hash for a graph: "#g=..." (compact JSON, lz-string URI-safe compression). */
export function shareHash(graph: Graph): string {
  return `#g=${compressToEncodedURIComponent(JSON.stringify(graph))}`;
}

/** Reads a graph from a location hash; null when the hash carries none, issues when it is broken. */
export function graphFromHash(hash: string): Accepted | null {
  const m = /^#?g=(.+)$/.exec(hash);
  if (!m) return null;
  const text = decompressFromEncodedURIComponent(m[1]);
  if (!text)
    return { ok: false, issues: [{ path: '', message: 'the share link is damaged (cannot decompress it)' }] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: '', message: 'the share link does not hold valid JSON' }] };
  }
  return acceptParsed(validateGraph(doc));
}
