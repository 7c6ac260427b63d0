// Start-up and autosave: what graph the app opens with, and saving on every change.
// Order at start: a share link (#g=...) wins, but the autosaved graph stays one Undo away; else the
// autosave; else (first visit) an example, so `npm start` shows something real.
import { firstRunExample } from '../model/examples.ts';
import { tidyIfCramped } from '../model/layout.ts';
import { type Accepted, describeIssues } from '../model/accept.ts';
import { graphFromHash, loadSession, saveSession } from '../model/persistence.ts';
import { showToast, useStudio } from './store.ts';

/** Loads the starting state into the store. */
export function startSession(storage: Storage, hash: string): void {
  const saved = loadSession(storage);
  if (saved) {
    useStudio.setState({
      graph: saved.graph,
      viewport: saved.viewport,
      selection: saved.selection,
      theme: saved.theme ?? 'dark',
      baseline: JSON.stringify(saved.graph),
    });
  } else {
    const graph = tidyIfCramped(firstRunExample());
    useStudio.setState({ graph, baseline: JSON.stringify(graph) });
  }
  const shared = graphFromHash(hash);
  if (shared) openShared(shared, saved !== null);
}

function openShared(shared: Accepted, hadWork: boolean): void {
  // Drop the hash so a reload shows the (autosaved) current graph rather than re-opening the link.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (!shared.ok) {
    showToast(
      `The share link could not be opened; your graph is unchanged.\n${describeIssues(shared.issues)}`,
      'error',
    );
    return;
  }
  useStudio.setState((s) => ({
    graph: shared.graph,
    selection: { nodes: [], edges: [] },
    viewport: null,
    baseline: JSON.stringify(shared.graph),
    history: hadWork
      ? { past: [{ graph: s.graph, selection: s.selection, label: 'Open shared graph' }], future: [] }
      : s.history,
  }));
  showToast(
    hadWork
      ? 'Opened the shared graph. Undo (Ctrl+Z) brings back your previous graph.'
      : 'Opened the shared graph.',
  );
}

/** Saves graph, viewport, selection and theme whenever one of them changes. Returns the unsubscribe. */
export function startAutosave(storage: Storage): () => void {
  let warned = false;
  return useStudio.subscribe((s, prev) => {
    if (
      s.graph === prev.graph &&
      s.viewport === prev.viewport &&
      s.selection === prev.selection &&
      s.theme === prev.theme
    ) {
      return;
    }
    const ok = saveSession(storage, {
      graph: s.graph,
      viewport: s.viewport,
      selection: s.selection,
      theme: s.theme,
    });
    if (!ok && !warned) {
      warned = true;
      showToast(
        'Autosave failed (browser storage is full or blocked): export your graph to keep it.',
        'error',
      );
    }
  });
}
