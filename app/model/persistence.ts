// Share links (#g=<lz-string compressed graph JSON>) and the short autosave entry points (the autosave
// itself is in autosave.ts). Both go through the bounded graph parser, so a tampered link or an old
// autosave can never load a broken graph or freeze the tab.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Graph } from '../../graph-schema/schema.ts';
import { type Accepted, acceptGraphText } from './accept.ts';
import { readAutosave, type SavedSession, writeAutosave } from './autosave.ts';

export { AUTOSAVE_KEY, type SavedSession } from './autosave.ts';

/** Writes the session (write-then-swap); quota or privacy-mode failures are reported, not thrown. */
export function saveSession(storage: Storage, session: SavedSession): boolean {
  return writeAutosave(storage, session).ok;
}

/** Reads the autosaved session, or null when there is none or it cannot be opened (see readAutosave). */
export function loadSession(storage: Storage): SavedSession | null {
  const r = readAutosave(storage);
  return r.kind === 'ok' ? r.session : null;
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
