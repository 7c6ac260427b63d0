// What makes one training run differ from another, flattened to "key -> short text", and the run label:
// the settings that changed since the previous run ("batch 1", "lr 0.1", "momentum"), so a list of runs
// reads like the lecture's comparisons (batch vs stochastic vs mini-batch, learning rates, optimizers).
import type { Graph } from '../../graph-schema/schema.ts';

/** Flat settings of a run: setting name -> its value as shown in a label. */
export type RunSettings = Record<string, string>;

function fmt(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The architecture without positions, names and training: two graphs with the same key are one model. */
export function architectureKey(g: Graph): string {
  return JSON.stringify({
    nodes: g.nodes.map((n) => ({ id: n.id, type: n.type, params: n.params })),
    edges: g.edges.map((e) => [e.source, e.target]),
  });
}

/** The settings of a graph's training section, plus per-node params (initializations, sizes) and the
 *  architecture fingerprint. Keys are the words used in labels. */
export function settingsOf(g: Graph): RunSettings {
  const out: RunSettings = {};
  const t = g.training;
  if (t) {
    const { type, ...opt } = t.optimizer as { type: string } & Record<string, unknown>;
    out.optimizer = type;
    for (const [k, v] of Object.entries(opt)) out[k] = fmt(v);
    out.batch = t.batchSize === 'full' ? 'full' : fmt(t.batchSize);
    out.epochs = fmt(t.epochs);
    out.seed = fmt(t.seed);
    out.clip = t.clip ? `${t.clip.type} ${fmt(t.clip.max)}` : 'none';
    out.loss = t.loss;
    out.data = t.dataset.id;
    if (Object.keys(t.dataset.options ?? {}).length) out['data options'] = JSON.stringify(t.dataset.options);
    out['val split'] = fmt(t.validationSplit);
  }
  for (const n of g.nodes) {
    for (const [k, v] of Object.entries(n.params)) {
      // Nested settings (a node's init override) become one entry each: "rec.init.recurrent uniform".
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [sub, w] of Object.entries(v)) out[`${n.id}.${k}.${sub}`] = fmt(w);
      } else out[`${n.id}.${k}`] = fmt(v);
    }
  }
  out.architecture = architectureKey(g);
  return out;
}

/** One changed setting as a label part: "batch 1", "full batch", "lr 0.1", "momentum", "clip norm 1". */
function part(key: string, value: string | undefined): string {
  if (value === undefined) return `no ${key}`;
  if (key === 'optimizer') return value;
  if (key === 'batch') return value === 'full' ? 'full batch' : `batch ${value}`;
  if (key === 'clip') return value === 'none' ? 'no clip' : `clip ${value}`;
  return `${key} ${value}`;
}

/** A first run's label: optimizer, learning rate and batch. */
export function firstLabel(s: RunSettings): string {
  const parts = [s.optimizer, s.lr !== undefined ? `lr ${s.lr}` : '', s.batch ? part('batch', s.batch) : ''];
  return parts.filter(Boolean).join(', ') || 'first run';
}

/** The label of a run with settings `next` after a run with `prev` (null: the first run). A different
 *  model is named by its graph; the same settings again read "rerun". */
export function runLabel(prev: RunSettings | null, next: RunSettings, graphName: string): string {
  if (!prev) return firstLabel(next);
  if (prev.architecture !== next.architecture && !sameNodes(prev, next))
    return `${graphName}: ${firstLabel(next)}`;
  const changed: string[] = [];
  // The optimizer first (its own parameters change with it), then the rest in a stable order.
  if (prev.optimizer !== next.optimizer) changed.push(part('optimizer', next.optimizer));
  for (const key of Object.keys({ ...prev, ...next })) {
    if (key === 'architecture' || key === 'optimizer' || prev[key] === next[key]) continue;
    // An optimizer switch brings its own defaults (beta1, momentum...): only the learning rate is news.
    if (prev.optimizer !== next.optimizer && isOptimizerParam(key) && key !== 'lr') continue;
    changed.push(part(key, next[key]));
  }
  return changed.length ? changed.join(', ') : 'rerun';
}

const OPTIMIZER_PARAMS = new Set([
  'lr',
  'momentum',
  'dampening',
  'beta1',
  'beta2',
  'eps',
  'alpha',
  'centered',
  'initialAccumulatorValue',
  'lrDecay',
  'weightDecay',
]);

function isOptimizerParam(key: string): boolean {
  return OPTIMIZER_PARAMS.has(key);
}

/** Same node ids and types (only params or inits differ): then the label lists the changed params. */
function sameNodes(a: RunSettings, b: RunSettings): boolean {
  const shape = (s: RunSettings) => {
    const arch = JSON.parse(s.architecture ?? '{"nodes":[],"edges":[]}') as {
      nodes: { id: string; type: string }[];
      edges: unknown;
    };
    return JSON.stringify({ nodes: arch.nodes.map((n) => [n.id, n.type]), edges: arch.edges });
  };
  return shape(a) === shape(b);
}
