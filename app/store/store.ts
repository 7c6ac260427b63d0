// The one store of the designer. The graph JSON (graph-schema Graph) is its core: React Flow's nodes and
// edges, the inspector, the summary and the JSON editor are all views derived from `graph`.
// Every change to the graph goes through `commit`, which says whether it is undoable (excalidraw's rule).
import { create } from 'zustand';
import type { Graph } from '../../graph-schema/schema.ts';
import { type Clip, emptyGraph } from '../model/graphOps.ts';
import {
  type History,
  type HistoryEntry,
  pushHistory,
  redoStep,
  type Selection,
  undoStep,
} from './history.ts';

/** How an edit treats undo: `record` makes one undo step; `skip` changes the graph without one;
 *  `coalesce` makes one step for a run of edits with the same coalesce key (the frames of one drag, one
 *  field set again and again) and a new step as soon as anything else happened in between. */
export type UndoPolicy = 'record' | 'skip' | 'coalesce';

/** Canvas pan and zoom (React Flow's viewport). */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A short message at the bottom of the screen; `error` ones stay until dismissed or replaced. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** The designer's state. */
export interface StudioState {
  graph: Graph;
  selection: Selection;
  viewport: Viewport | null;
  history: History;
  toast: Toast | null;
  theme: 'dark' | 'light';
  /** the bottom panel tab shown (see slots/bottomTabs.ts) */
  activeTab: string;
  /** JSON of the graph when it was last opened, exported or started fresh: "New" asks when it differs */
  baseline: string;
  /** bumped whenever the graph is replaced from outside the JSON editor, so the editor reloads its text */
  externalRevision: number;
  /** the open modal, if any */
  dialog: 'examples' | 'share' | 'keys' | null;
  /** the last share link made (shown in the share dialog) */
  shareUrl: string;
  /** copied nodes (and the edges between them) and how often they were pasted since (paste offset) */
  clipboard: { clip: Clip; pastes: number } | null;
  /** id of the last toast (each toast gets the next one, so an identical text still shows anew) */
  toastSeq: number;
  /** asked before a graph edit is applied: `first` (e.g. a challenge's locks) before `main` (training) */
  editGuards: { first: EditGuard[]; main: EditGuard | null };
  /** key of the last `coalesce` edit while it is still the newest undo step (any other step clears it) */
  coalesceKey: string | null;
  /** canvas gestures in progress: the node drag (its number, so its frames coalesce into one step), the
   *  edge whose end is being dragged, and the counter that numbers drags */
  gesture: { drag: number | null; edge: { id: string; done: boolean } | null; seq: number };
}

/** Initial state: an empty graph (main.tsx replaces it with the autosave or an example). */
export function initialState(): StudioState {
  const graph = emptyGraph();
  return {
    graph,
    selection: { nodes: [], edges: [] },
    viewport: null,
    history: { past: [], future: [] },
    toast: null,
    theme: 'dark',
    activeTab: 'summary',
    baseline: JSON.stringify(graph),
    externalRevision: 0,
    dialog: null,
    shareUrl: '',
    clipboard: null,
    toastSeq: 0,
    editGuards: { first: [], main: null },
    coalesceKey: null,
    gesture: { drag: null, edge: null, seq: 0 },
  };
}

/** The store hook (also usable outside React through getState/setState). */
export const useStudio = create<StudioState>(() => initialState());

/** Asked before a graph edit is applied; returning false cancels it. The training panel sets one so that
 *  editing the graph while it trains asks to stop first. `next` is the graph the edit would produce. */
export type EditGuard = (label: string, next: Graph, current: Graph) => boolean;

/** Installs (or with null removes) the main edit guard. */
export function setEditGuard(guard: EditGuard | null): void {
  useStudio.setState((s) => ({ editGuards: { ...s.editGuards, main: guard } }));
}

/** Adds a guard that runs before the main one (so a refused edit never first asks to stop training);
 *  returns its removal. */
export function addEditGuard(guard: EditGuard): () => void {
  useStudio.setState((s) => ({ editGuards: { ...s.editGuards, first: [...s.editGuards.first, guard] } }));
  return () =>
    useStudio.setState((s) => ({
      editGuards: { ...s.editGuards, first: s.editGuards.first.filter((g) => g !== guard) },
    }));
}

function allowed(label: string, next: Graph): boolean {
  const { graph: current, editGuards } = useStudio.getState();
  if (next === current) return true;
  for (const g of editGuards.first) if (!g(label, next, current)) return false;
  return !editGuards.main || editGuards.main(label, next, current);
}

/** Applies a graph edit named `label`; with `record` the previous state becomes one undo step, with
 *  `coalesce` only when the newest step is not already this `key`'s. Returns false when a guard refused. */
export function commit(
  label: string,
  graph: Graph,
  policy: UndoPolicy,
  selection?: Selection,
  key?: string,
): boolean {
  if (!allowed(label, graph)) return false;
  useStudio.setState((s) => {
    if (graph === s.graph && !selection) return s;
    const merge = policy === 'coalesce' && key !== undefined && s.coalesceKey === key;
    const step = policy === 'record' || (policy === 'coalesce' && !merge);
    const history = step ? pushHistory(s.history, entryOf(s, label)) : s.history;
    return {
      graph,
      history,
      selection: selection ?? pruneSelection(s.selection, graph),
      // `skip` leaves the newest step as it was, so a coalescing run survives it
      coalesceKey: policy === 'coalesce' ? (key ?? null) : policy === 'record' ? null : s.coalesceKey,
    };
  });
  return true;
}

/** Records the current state as an undo step without changing it (start of a drag gesture). */
export function checkpoint(label: string): void {
  useStudio.setState((s) => ({ history: pushHistory(s.history, entryOf(s, label)), coalesceKey: null }));
}

/** Replaces the whole graph from outside the JSON editor (open, import, example, share). Undoable. */
export function replaceGraph(label: string, graph: Graph, opts: { baseline?: boolean } = {}): void {
  if (!allowed(label, graph)) return;
  useStudio.setState((s) => ({
    graph,
    history: pushHistory(s.history, entryOf(s, label)),
    selection: { nodes: [], edges: [] },
    externalRevision: s.externalRevision + 1,
    baseline: opts.baseline ? JSON.stringify(graph) : s.baseline,
    coalesceKey: null,
  }));
}

/** Undo one step; returns the label of the undone edit, or null. */
export function undo(): string | null {
  const s = useStudio.getState();
  const step = undoStep(s.history, entryOf(s, ''));
  if (!step || !allowed(`Undo ${step.restore.label}`, step.restore.graph)) return null;
  restore(step.restore, step.history);
  return step.restore.label;
}

/** Redo one step; returns the label of the redone edit, or null. */
export function redo(): string | null {
  const s = useStudio.getState();
  const step = redoStep(s.history, entryOf(s, ''));
  if (!step || !allowed(`Redo ${step.restore.label}`, step.restore.graph)) return null;
  restore(step.restore, step.history);
  return step.restore.label;
}

function restore(entry: HistoryEntry, history: History): void {
  useStudio.setState((s) => ({
    graph: entry.graph,
    selection: entry.selection,
    history,
    externalRevision: s.externalRevision + 1,
    coalesceKey: null,
  }));
}

function entryOf(s: StudioState, label: string): HistoryEntry {
  return { graph: s.graph, selection: s.selection, label };
}

/** Drops selected ids that no longer exist in `graph`. */
export function pruneSelection(sel: Selection, graph: Graph): Selection {
  const nodes = sel.nodes.filter((id) => graph.nodes.some((n) => n.id === id));
  const edges = sel.edges.filter((id) => graph.edges.some((e) => e.id === id));
  return nodes.length === sel.nodes.length && edges.length === sel.edges.length ? sel : { nodes, edges };
}

/** Sets the selection (not an undo step: selecting is not an edit). */
export function select(selection: Selection): void {
  useStudio.setState({ selection });
}

/** Shows a toast; info toasts fade by themselves (see Toast.tsx). */
export function showToast(text: string, kind: Toast['kind'] = 'info'): void {
  useStudio.setState((s) => ({ toastSeq: s.toastSeq + 1, toast: { id: s.toastSeq + 1, kind, text } }));
}

/** Hides the toast. */
export function dismissToast(): void {
  useStudio.setState({ toast: null });
}

/** True when the graph differs from the one last opened, exported or started fresh. */
export function hasUnsavedWork(s: StudioState = useStudio.getState()): boolean {
  return s.graph.nodes.length > 0 && JSON.stringify(s.graph) !== s.baseline;
}
