// File-level actions: New, open an example, import (picker or drop), export, share.
// Opening anything replaces the graph as ONE undo step, so nothing the user had is lost silently.
import type { Graph } from '../../graph-schema/schema.ts';
import { fitView, resetView } from '../canvas/bridge.ts';
import { downloadFile } from './download.ts';
import { acceptGraphText, describeIssues } from '../model/accept.ts';
import { emptyGraph } from '../model/graphOps.ts';
import { tidyIfCramped } from '../model/layout.ts';
import { graphFromHash, shareHash } from '../model/persistence.ts';
import { hasUnsavedWork, replaceGraph, showToast, useStudio } from '../store/store.ts';
import { layOutIfCramped } from '../store/tidyOpened.ts';

/** Starts an empty graph, asking first when there is unsaved work (Undo also brings it back). */
export function newGraphAction(confirmFn: (q: string) => boolean = (q) => window.confirm(q)): void {
  if (hasUnsavedWork() && !confirmFn('Discard the current graph and start a new one? (Undo brings it back.)'))
    return;
  replaceGraph('New graph', emptyGraph(), { baseline: true });
  resetView();
  showToast('New empty graph. Drag layers from the palette, or press Enter on one.');
}

/** Opens a graph as the current one (examples, import). `tidy` lays out cards that overlap (examples
 *  only: a user's own file keeps its layout exactly). */
export function openGraphAction(graph: Graph, label: string, opts: { tidy?: boolean } = {}): void {
  replaceGraph(label, opts.tidy ? tidyIfCramped(graph) : graph, { baseline: true });
  useStudio.setState({ dialog: null });
  requestAnimationFrame(() => requestAnimationFrame(fitView));
}

/** Imports graph text (file picker or drop); a refused file leaves the graph as it is and says why. */
export function importTextAction(text: string, fileName: string): boolean {
  const accepted = acceptGraphText(text);
  if (!accepted.ok) {
    showToast(
      `Could not open ${fileName}; your graph is unchanged.\n${describeIssues(accepted.issues)}`,
      'error',
    );
    return false;
  }
  const before = useStudio.getState().graph;
  openGraphAction(accepted.graph, `Import ${fileName}`);
  if (useStudio.getState().graph === before) return false; // declined ("stop training first?")
  const tidied = layOutIfCramped();
  showToast(
    tidied
      ? `Opened ${fileName}. ${tidied} Undo again returns to the previous graph.`
      : `Opened ${fileName} (Undo returns to the previous graph).`,
  );
  return true;
}

/** Reads a File and imports it. */
export async function importFileAction(file: File): Promise<boolean> {
  if (file.size > 5 * 1024 * 1024) {
    showToast(
      `${file.name} is larger than 5 MB: that is not a graph file. Your graph is unchanged.`,
      'error',
    );
    return false;
  }
  return importTextAction(await file.text(), file.name);
}

/** A file name for the graph: its name in lower-case-with-dashes, e.g. "seed-imdb-classifier.json". */
export function exportFileName(graph: Graph): string {
  const slug = (graph.name || 'graph')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'graph'}.json`;
}

/** Downloads the graph as `<name>.json` (two-space JSON, the same document the JSON tab shows). */
export function exportAction(): void {
  const graph = useStudio.getState().graph;
  const name = exportFileName(graph);
  downloadFile(name, `${JSON.stringify(graph, null, 2)}\n`, 'application/json');
  useStudio.setState({ baseline: JSON.stringify(graph) });
  showToast(`Exported ${name}`);
}

/** Makes the share link, shows it, and copies it to the clipboard when the browser allows. */
export function shareAction(): void {
  const url = `${location.origin}${location.pathname}${shareHash(useStudio.getState().graph)}`;
  useStudio.setState({ shareUrl: url, dialog: 'share' });
  navigator.clipboard?.writeText(url).then(
    () => showToast('Share link copied to the clipboard.'),
    () => undefined, // not allowed here (no focus / insecure origin): the dialog shows the link to copy by hand
  );
}

/** A share link (#g=...) navigated to in a tab that already has the app open (pasted into the address
 *  bar, or clicked in a chat): opened as at start-up, as one undo step (and Recent) through the edit
 *  guard, or refused with the same message; the hash is dropped either way so a reload shows the
 *  current graph. Returns true when the graph was opened. */
export function openShareLinkAction(hash: string): boolean {
  const shared = graphFromHash(hash);
  if (!shared) return false;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (!shared.ok) {
    showToast(
      `The share link could not be opened; your graph is unchanged.\n${describeIssues(shared.issues)}`,
      'error',
    );
    return false;
  }
  const before = useStudio.getState().graph;
  openGraphAction(shared.graph, 'Open shared graph');
  if (useStudio.getState().graph === before) return false; // declined ("stop training first?")
  const tidied = layOutIfCramped();
  showToast(
    tidied
      ? `Opened the shared graph. ${tidied} Undo again brings back your previous graph.`
      : 'Opened the shared graph. Undo (Ctrl+Z) brings back your previous graph.',
  );
  return true;
}
