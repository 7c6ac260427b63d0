// Start-up and autosave: what graph the app opens with, and saving on every change without ever
// losing work. Order at start: a share link (#g=...) wins, and the graph it replaces goes to the
// recent graphs (and stays one Undo away); else the autosave; else (first visit) an example. A saved
// copy that cannot be opened is kept aside and the user is told; another tab's save is noticed and
// asked about rather than overwritten.
import { firstRunExample } from '../model/examples.ts';
import { tidyIfCramped } from '../model/layout.ts';
import { layOutIfCramped } from './tidyOpened.ts';
import { type Accepted, describeIssues } from '../model/accept.ts';
import {
  AUTOSAVE_KEY,
  keepAside,
  pushRecent,
  readAutosave,
  parseSessionText,
  type SavedSession,
  sessionText,
  writeAutosave,
} from '../model/autosave.ts';
import { graphFromHash } from '../model/persistence.ts';
import { useAutosave } from './autosaveStore.ts';
import { pushHistory } from './history.ts';
import { showToast, type StudioState, useStudio } from './store.ts';
import { type ChannelLike, joinTabs, type TabLink } from './tabs.ts';

/** The session text this tab last wrote or adopted: a storage event with other text is another tab. */
let lastSynced: string | null = null;

function sessionOf(s: StudioState): SavedSession {
  return { graph: s.graph, viewport: s.viewport, selection: s.selection, theme: s.theme };
}

/** Loads the starting state into the store. */
export function startSession(storage: Storage, hash: string): void {
  const read = readAutosave(storage);
  if (read.kind === 'ok') {
    const saved = read.session;
    lastSynced = read.text;
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
  if (read.kind === 'refused') {
    // never overwrite what we could not read: keep it aside first, or stop autosaving
    const keptAside = keepAside(storage, read.copy);
    const { reason, message, text } = read.copy;
    useAutosave.setState({
      problem: { kind: 'refused', reason, message, text, keptAside },
      paused: !keptAside,
    });
  }
  const shared = graphFromHash(hash);
  if (shared) openShared(storage, shared, read.kind === 'ok');
}

function openShared(storage: Storage, shared: Accepted, hadWork: boolean): void {
  // Drop the hash so a reload shows the (autosaved) current graph rather than re-opening the link.
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (!shared.ok) {
    showToast(
      `The share link could not be opened; your graph is unchanged.\n${describeIssues(shared.issues)}`,
      'error',
    );
    return;
  }
  const previous = useStudio.getState().graph;
  const kept = hadWork && pushRecent(storage, recentEntry(previous, 'Open shared graph'));
  useStudio.setState((s) => ({
    graph: shared.graph,
    selection: { nodes: [], edges: [] },
    viewport: null,
    baseline: JSON.stringify(shared.graph),
    history: hadWork
      ? { past: [{ graph: s.graph, selection: s.selection, label: 'Open shared graph' }], future: [] }
      : s.history,
  }));
  const tidied = layOutIfCramped();
  const recent = kept ? '; it is also in Recent' : '';
  showToast(
    hadWork
      ? tidied
        ? `Opened the shared graph. ${tidied} Undo again brings back your previous graph${recent}.`
        : `Opened the shared graph. Undo (Ctrl+Z) brings back your previous graph${recent}.`
      : `Opened the shared graph.${tidied ? ` ${tidied}` : ''}`,
  );
}

function recentEntry(graph: StudioState['graph'], reason: string) {
  return { name: graph.name, reason, at: Date.now(), graph };
}

/**
 * Saves graph, viewport, selection and theme whenever one of them changes, and tells the other tabs at
 * once (BroadcastChannel; storage events as the fallback). Returns the unsubscribe.
 */
export function startAutosave(
  storage: Storage,
  win: Window | null = globalThis.window ?? null,
  openChannel?: () => ChannelLike | null,
): () => void {
  const tabs = linkTabs(win, openChannel);
  const save = () => {
    // the other tabs hear of every change, even one this tab cannot or may not save
    tabs.current?.changed(sessionText(sessionOf(useStudio.getState())));
    if (useAutosave.getState().paused) return;
    const r = writeAutosave(storage, sessionOf(useStudio.getState()));
    const problem = useAutosave.getState().problem;
    if (r.ok) {
      lastSynced = r.text;
      if (problem?.kind === 'quota') useAutosave.setState({ problem: null });
    } else if (problem?.kind !== 'quota' && problem?.kind !== 'conflict') {
      const message = r.quota
        ? 'Autosave failed: the browser storage for this site is full. Your graph is still here; export it (Ctrl+S) to keep it.'
        : `Autosave failed (the browser blocked storage: ${r.message}). Export your graph (Ctrl+S) to keep it.`;
      useAutosave.setState({ problem: { kind: 'quota', message } });
    }
  };
  const unsubscribe = useStudio.subscribe((s, prev) => {
    if (
      s.graph === prev.graph &&
      s.viewport === prev.viewport &&
      s.selection === prev.selection &&
      s.theme === prev.theme
    ) {
      return;
    }
    // a graph replaced by import, example or New (one new undo step holding the old graph) is kept
    const step = s.history.past.at(-1);
    if (step && step !== prev.history.past.at(-1) && step.graph === prev.graph && s.graph !== prev.graph) {
      if (s.externalRevision !== prev.externalRevision)
        pushRecent(storage, recentEntry(prev.graph, step.label));
    }
    save();
  });
  const onStorage = (e: StorageEvent) => {
    if (e.key !== AUTOSAVE_KEY || e.newValue === null || e.newValue === lastSynced) return;
    otherTabSaved(e.newValue);
  };
  win?.addEventListener('storage', onStorage);
  // A tab closed or reloaded while it still asks "which graph to keep?" has saved nothing since the
  // other tab's change (autosave is paused): its graph goes to Recent, so the reload loses nothing.
  const keepUnansweredGraph = () => {
    if (useAutosave.getState().problem?.kind === 'conflict')
      pushRecent(
        storage,
        recentEntry(
          useStudio.getState().graph,
          'Unsaved when the tab closed (another tab had changed its graph)',
        ),
      );
  };
  win?.addEventListener('pagehide', keepUnansweredGraph);
  return () => {
    unsubscribe();
    win?.removeEventListener('storage', onStorage);
    win?.removeEventListener('pagehide', keepUnansweredGraph);
    tabs.stop();
  };
}

/** This tab on the tabs channel: joined now, bye when the page goes, hello again if it comes back. */
function linkTabs(win: Window | null, openChannel?: () => ChannelLike | null) {
  const holder: { current: TabLink | null; stop(): void } = { current: null, stop: () => {} };
  const join = () => {
    holder.current = joinTabs(
      () => sessionText(sessionOf(useStudio.getState())),
      {
        onOtherSession: (text) => {
          if (text !== lastSynced) otherTabSaved(text);
        },
        onPeers: (otherTabs) => useAutosave.setState({ otherTabs }),
      },
      openChannel,
    );
  };
  const leave = () => {
    holder.current?.stop();
    holder.current = null;
    useAutosave.setState({ otherTabs: 0 });
  };
  const onShow = (e: PageTransitionEvent) => {
    if (e.persisted && !holder.current) join(); // back from the back/forward cache
  };
  join();
  win?.addEventListener('pagehide', leave);
  win?.addEventListener('pageshow', onShow);
  holder.stop = () => {
    leave();
    win?.removeEventListener('pagehide', leave);
    win?.removeEventListener('pageshow', onShow);
  };
  return holder;
}

/** Another tab changed its graph (saved, or told over the channel): unless it is the same graph, pause
 *  and ask which to keep. */
function otherTabSaved(theirs: string): void {
  if (sameGraph(theirs, useStudio.getState().graph)) {
    lastSynced = theirs; // the same graph (e.g. both opened one link): nothing to decide
    // the other tab took this tab's graph since it asked: nothing is left to decide here either
    if (useAutosave.getState().problem?.kind === 'conflict')
      useAutosave.setState({ problem: null, paused: false });
    return;
  }
  useAutosave.setState({ problem: { kind: 'conflict', theirs }, paused: true });
}

/** True when a session text holds this graph. A graph adopted from another tab went through validation
 *  (defaults filled in), so texts that differ are compared once more in that normal form. */
function sameGraph(sessionJson: string, graph: StudioState['graph']): boolean {
  const theirs = safeGraphText(sessionJson);
  if (theirs === null) return false;
  if (theirs === JSON.stringify(graph)) return true;
  const parsed = parseSessionText(sessionJson);
  return parsed !== null && JSON.stringify(parsed.graph) === normalGraphText(graph);
}

const normalForm = new WeakMap<object, string>();
function normalGraphText(graph: StudioState['graph']): string {
  let text = normalForm.get(graph);
  if (text === undefined) {
    const session = parseSessionText(
      sessionText({ graph, viewport: null, selection: { nodes: [], edges: [] } }),
    );
    text = JSON.stringify(session?.graph ?? graph);
    normalForm.set(graph, text);
  }
  return text;
}

function safeGraphText(sessionJson: string): string | null {
  try {
    return JSON.stringify((JSON.parse(sessionJson) as SavedSession).graph);
  } catch {
    return null;
  }
}

/** Shows another tab's saved session here (an undo step of ours only when `undoable`). */
function adoptSession(text: string, undoable = false): boolean {
  const session = parseSessionText(text);
  if (!session) return false;
  lastSynced = text;
  const label = 'Open the other tab’s graph';
  useStudio.setState((s) => ({
    graph: session.graph,
    selection: { nodes: [], edges: [] },
    externalRevision: s.externalRevision + 1,
    history: undoable ? pushHistory(s.history, { graph: s.graph, selection: s.selection, label }) : s.history,
  }));
  return true;
}

/** Conflict answer: show the other tab's graph here (this tab's graph stays one Undo away and in Recent). */
export function takeTheirs(storage: Storage): void {
  const p = useAutosave.getState().problem;
  if (p?.kind !== 'conflict') return;
  pushRecent(storage, recentEntry(useStudio.getState().graph, 'Replaced by another tab’s graph'));
  // unpaused first, so the adopted graph is saved here at once (the other tab may not have managed to)
  useAutosave.setState({ problem: null, paused: false });
  adoptSession(p.theirs, true);
}

/** Conflict answer: keep this tab's graph and save it; the other tab's graph goes to Recent first. */
export function keepMine(storage: Storage): void {
  const p = useAutosave.getState().problem;
  if (p?.kind !== 'conflict') return;
  const theirs = parseSessionText(p.theirs);
  if (theirs) pushRecent(storage, recentEntry(theirs.graph, 'Saved over by another tab'));
  useAutosave.setState({ problem: null, paused: false });
  const r = writeAutosave(storage, sessionOf(useStudio.getState()));
  if (r.ok) lastSynced = r.text;
}

/** The text a download of a refused copy holds: its graph when the envelope is readable, else as found. */
export function refusedDownloadText(text: string): string {
  try {
    const v = JSON.parse(text) as { graph?: unknown };
    if (v && typeof v === 'object' && v.graph !== undefined) return `${JSON.stringify(v.graph, null, 2)}\n`;
  } catch {
    // damaged: give back exactly what was stored
  }
  return text;
}

/** For tests: forget what this tab last synced. */
export function resetSessionSync(): void {
  lastSynced = null;
}
