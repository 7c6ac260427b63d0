// Autosave (localStorage) and share links (#g=<lz-string compressed graph JSON>).
// Both go through acceptParsed, so a tampered link or an old autosave can never load a broken graph.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { Selection } from '../store/history.ts';
import type { Viewport } from '../store/store.ts';
import { type Accepted, acceptGraphText, acceptParsed } from './accept.ts';

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

/** Longest share-link hash read (characters): lz-string can expand a short text enormously, so the
 *  compressed text is capped before decompressing; a real graph's link is a few kB. */
export const MAX_SHARE_HASH_CHARS = 256 * 1024;

/** Reads a graph from a location hash; null when the hash carries none, issues when it is broken.
 *  The decompressed text goes through the same size cap and bounds pass as an imported file. */
export function graphFromHash(hash: string): Accepted | null {
  const m = /^#?g=(.+)$/s.exec(hash);
  if (!m) return null;
  if (m[1].length > MAX_SHARE_HASH_CHARS) {
    const kb = Math.round(m[1].length / 1024);
    const message = `the share link is ${kb} kB long, over the ${MAX_SHARE_HASH_CHARS / 1024} kB limit for a link: share the graph as a file instead`;
    return { ok: false, issues: [{ path: '', message }] };
  }
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(m[1]);
  } catch {
    text = null; // a hostile link can expand past the longest string the browser can hold
  }
  if (!text)
    return { ok: false, issues: [{ path: '', message: 'the share link is damaged (cannot decompress it)' }] };
  return acceptGraphText(text);
}
