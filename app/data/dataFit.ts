// Does the dataset fit the graph? Checked before Train, with the same check Train and the CLI use
// (the worker's preview: loadDataset / datasetFromUpload shaped to the Input and the output), whenever
// the dataset, its options, the Input or the output shape change. The answer shows on the Input node,
// in the inspector and in the Summary tab, so "✓ ready to train" is never said of data that cannot fit.
import { create } from 'zustand';
import type { Graph } from '../../graph-schema/schema.ts';
import { analysisOf } from '../model/analysis.ts';
import { useStudio } from '../store/store.ts';
import { workerApi } from '../training/controller.ts';
import type { DataSource } from '../worker/protocol.ts';
import { uploadFor } from './uploads.ts';

export interface DataFitState {
  /** what was (or is being) checked; null when the graph itself has problems (nothing to check yet) */
  key: string | null;
  checking: boolean;
  /** why the data does not fit the graph, or null */
  problem: string | null;
  /** the Input node the problem is shown on */
  inputId: string | null;
}

/** The latest fit check (one per graph structure, not per edit of positions). */
export const useDataFit = create<DataFitState>(() => ({
  key: null,
  checking: false,
  problem: null,
  inputId: null,
}));

/** Wait after an edit before asking the worker (typing a shape makes several edits). */
const DEBOUNCE_MS = 250;

/** What the fit depends on, or null when the graph has problems of its own (shown already). */
export function fitKey(graph: Graph): { key: string; inputId: string } | null {
  const a = analysisOf(graph);
  if (!a.ok || !graph.training) return null;
  const input = graph.nodes.find((n) => n.type === 'Input');
  if (!input) return null;
  const last = a.order[a.order.length - 1];
  const inputs = graph.nodes.filter((n) => n.type === 'Input' || n.type === 'Embedding').map((n) => n.params);
  const { dataset, seed } = graph.training;
  return {
    key: JSON.stringify([dataset, seed, inputs, a.nodes[last]?.outputShape ?? null]),
    inputId: input.id,
  };
}

function sourceOf(graph: Graph): DataSource {
  const u = uploadFor(graph.training?.dataset.id ?? '');
  return u ? { kind: 'upload', uploadKind: u.kind, name: u.name, text: u.text } : { kind: 'builtin' };
}

/** Starts checking on every relevant change; returns the unsubscribe. */
export function startDataFitCheck(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const check = (graph: Graph) => {
    const k = fitKey(graph);
    const current = useDataFit.getState();
    if (k?.key === current.key) return;
    if (timer !== null) clearTimeout(timer);
    if (!k) {
      useDataFit.setState({ key: null, checking: false, problem: null, inputId: null });
      return;
    }
    useDataFit.setState({ key: k.key, checking: true, problem: null, inputId: k.inputId });
    timer = setTimeout(async () => {
      timer = null;
      const r = await workerApi()
        .preview(graph, sourceOf(graph))
        .catch(() => null); // a worker that died says so in the Training tab; nothing is known about the fit
      if (useDataFit.getState().key !== k.key) return; // the graph changed meanwhile: a newer check runs
      useDataFit.setState({ checking: false, problem: r && !r.ok ? r.message : null });
    }, DEBOUNCE_MS);
  };
  check(useStudio.getState().graph);
  return useStudio.subscribe((s, prev) => {
    if (s.graph !== prev.graph) check(s.graph);
  });
}
