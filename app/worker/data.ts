// Loading a graph's data inside the worker: check the memory estimate and read the InputSpec from the
// shapes alone, load the built-in dataset or the uploaded file (which must fit), then compile. Every
// failure becomes a LoadFailure sentence (line/column for files).
import { datasetFromUpload, loadDataset } from '../../engine/index.ts';
import type { Dataset } from '../../engine/index.ts';
import { compileModel, type Model } from '../../engine/index.ts';
import { analyzeGraph } from '../../engine/index.ts';
import { checkTrainingMemory } from '../../engine/index.ts';
import { inputSpecOf } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { DataSource, LoadFailure, Preview } from './protocol.ts';

/** A compiled model with its dataset, or why not. */
export type Loaded = { ok: true; model: Model; dataset: Dataset } | LoadFailure;

/** Compiles `graph` and loads the data it trains on. Never throws. */
export async function loadModelAndData(graph: Graph, source: DataSource): Promise<Loaded> {
  if (!graph.training) {
    return { ok: false, message: 'This graph has no training settings: pick a dataset in the inspector.' };
  }
  // Limits before allocation: the memory estimate, then the data's fit, and only then the model.
  const analysis = analyzeGraph(graph);
  if (!analysis.ok) {
    return { ok: false, message: `The graph cannot be trained yet: ${analysis.diagnostics[0]?.message}` };
  }
  const tooBig = checkTrainingMemory(analysis);
  if (tooBig) return { ok: false, message: `This graph is too large to train here: ${tooBig.message}` };
  let spec: ReturnType<typeof inputSpecOf>;
  try {
    const last = analysis.order[analysis.order.length - 1];
    spec = inputSpecOf({
      graph,
      order: analysis.order,
      outputShape: analysis.nodes[last]?.outputShape ?? [],
    });
  } catch (e) {
    return { ok: false, message: `The graph cannot be trained yet: ${(e as Error).message}` };
  }
  let dataset: Dataset;
  if (source.kind === 'upload') {
    const r = datasetFromUpload(source.uploadKind, source.text, spec, {
      name: source.name,
      seed: graph.training.seed,
    });
    if (!r.ok) return { ok: false, ...r.error, message: `${source.name}: ${r.error.message}` };
    dataset = r.dataset;
  } else {
    try {
      const ref = graph.training.dataset;
      dataset = await loadDataset(
        { id: ref.id, options: { seed: graph.training.seed, ...ref.options } },
        spec,
      );
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }
  if (graph.training.batchSize === 'full') {
    const full = checkTrainingMemory(analysis, { examples: dataset.x.shape[0] });
    if (full) return { ok: false, message: `This graph is too large to train here: ${full.message}` };
  }
  try {
    const model = compileModel(graph, { seed: graph.training.seed });
    return { ok: true, model, dataset };
  } catch (e) {
    return { ok: false, message: `The graph cannot be trained yet: ${(e as Error).message}` };
  }
}

/** Row i of x as text: token strings for token data, numbers otherwise (long rows shortened). */
function rowText(d: Dataset, t: 'x' | 'y', i: number): string {
  const tensor = d[t];
  const width = tensor.shape.slice(1).reduce((a, b) => a * b, 1);
  const cells = Array.from(tensor.data.subarray(i * width, (i + 1) * width));
  const tokens = d.vocab && (t === 'x' || d.task === 'language-model') && tensor.shape.length <= 2;
  const shown = cells.slice(0, 24).map((v) => (tokens ? (d.vocab?.[v] ?? `#${v}`) : fmt(v, d, t)));
  const sep = tokens && d.tokenizer === 'char' ? '' : ' ';
  return `${shown.join(sep)}${cells.length > 24 ? ' …' : ''}`;
}

function fmt(v: number, d: Dataset, t: 'x' | 'y'): string {
  if (t === 'y' && d.classNames && Number.isInteger(v)) return d.classNames[v] ?? String(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

/** The first rows of a dataset, for the picker's preview. */
export function previewOf(d: Dataset): Preview {
  const n = Math.min(5, d.x.shape[0]);
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`${rowText(d, 'x', i)}  →  ${rowText(d, 'y', i)}`);
  return { datasetId: d.id, description: d.description, xShape: d.x.shape, yShape: d.y.shape, rows };
}
