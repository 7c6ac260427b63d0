// Small graphs and synthetic datasets for trainer tests (no dependency on the built-in datasets).
import { readFileSync } from 'node:fs';
import { validateGraph } from '../../graph-schema/index.ts';
import { loadDataset } from '../../engine/data/index.ts';
import { compileModel } from '../../engine/model.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { Dataset } from '../../engine/data/types.ts';
import { Rng } from '../../engine/random.ts';

/** A chain graph Input -> nodes..., with a training section; throws if the graph is invalid. */
export function chainGraph(
  input: { shape: number[]; dtype?: 'float32' | 'int32' },
  nodes: { type: string; params?: Record<string, unknown> }[],
  training: Record<string, unknown>,
): Graph {
  const ids = ['in', ...nodes.map((_, i) => `n${i + 1}`)];
  const doc = {
    format: 'backprop-studio.graph',
    version: 1,
    name: 'test',
    nodes: [
      { id: 'in', type: 'Input', params: { dtype: 'float32', ...input } },
      ...nodes.map((n, i) => ({ id: ids[i + 1], type: n.type, params: n.params ?? {} })),
    ],
    edges: ids.slice(1).map((id, i) => ({ id: `e${i + 1}`, source: ids[i], target: id })),
    training: { dataset: { id: 'test:synthetic' }, ...training },
  };
  const r = validateGraph(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.graph;
}

/** n 2D points in two classes split by the line x + y = 0 (linearly separable, so loss must fall). */
export function twoClassPoints(n: number, seed = 1): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = rng.uniform(-1, 1);
    x[2 * i + 1] = rng.uniform(-1, 1);
    y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1 : 0;
  }
  return {
    id: 'test:points',
    description: 'points on either side of a line',
    task: 'classification',
    x: { shape: [n, 2], data: x },
    y: { shape: [n], data: y },
    numClasses: 2,
  };
}

/** n rows of 2 features with target x0 + x1 (regression, for MSE models). */
export function sumRegression(n: number, seed = 1): Dataset {
  const d = twoClassPoints(n, seed);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = 3 * (d.x.data[2 * i] + d.x.data[2 * i + 1]);
  return { ...d, task: 'regression', y: { shape: [n, 1], data: y } };
}

/** The classifier Input[2] -> Dense(8, tanh) -> Dense(2) -> Softmax. */
export function pointsClassifier(training: Record<string, unknown>): Graph {
  return chainGraph(
    { shape: [2] },
    [
      { type: 'Dense', params: { units: 8, activation: 'tanh' } },
      { type: 'Dense', params: { units: 2 } },
      { type: 'Softmax' },
    ],
    { optimizer: { type: 'adam', lr: 0.05 }, batchSize: 16, epochs: 5, seed: 3, ...training },
  );
}

/** An example graph (examples/<name>.json), edited by `edit`, compiled, with its dataset loaded. */
export async function loadExample(name: string, edit: (doc: ExampleDoc) => void = () => {}) {
  const doc = JSON.parse(
    readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8'),
  ) as ExampleDoc;
  edit(doc);
  const r = validateGraph(doc);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues)}`);
  const graph = r.graph;
  const model = compileModel(graph);
  const training = graph.training!;
  const dataset = await loadDataset(
    { id: training.dataset.id, options: { seed: training.seed, ...training.dataset.options } },
    inputSpecOf(model),
  );
  return { graph, model, dataset };
}

/** The loosely typed JSON of an example, for edits in tests. */
// biome-ignore lint/suspicious/noExplicitAny: test fixtures edit arbitrary JSON
export type ExampleDoc = any;
