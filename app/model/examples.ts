// The examples gallery: every examples/*.json bundled at build time (Vite's import.meta.glob), each
// checked like an import, plus the seed classifier (examples/seed-imdb-bilstm.json) as a built-in fallback.
import type { Graph } from '../../graph-schema/schema.ts';
import { acceptParsed } from './accept.ts';
import { validateGraph } from '../../graph-schema/index.ts';

/** One gallery entry. */
export interface Example {
  /** file name without .json, or "seed-imdb" for the built-in one */
  id: string;
  title: string;
  graph: Graph;
}

const files = import.meta.glob('../../examples/*.json', { eager: true, import: 'default' }) as Record<
  string,
  unknown
>;

/**
 * The lecture's IMDb network sized to the spam e-mails it trains on (1,136,641 parameters): the same
 * graph as examples/seed-imdb-bilstm.json (a test keeps them equal).
 */
export const SEED_EXAMPLE: Graph = {
  format: 'backprop-studio.graph',
  version: 1,
  name: "Spam classifier: the lecture's BiLSTM",
  nodes: [
    { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [48], dtype: 'int32' } },
    { id: 'emb', type: 'Embedding', position: { x: 280, y: 0 }, params: { vocabSize: 7335, dim: 128 } },
    {
      id: 'lstm1',
      type: 'LSTM',
      position: { x: 560, y: 0 },
      params: { units: 64, returnSequences: true, bidirectional: true, variant: 'standard', forgetBias: 1 },
    },
    {
      id: 'lstm2',
      type: 'LSTM',
      position: { x: 840, y: 0 },
      params: { units: 64, returnSequences: false, bidirectional: true, variant: 'standard', forgetBias: 1 },
    },
    {
      id: 'out',
      type: 'Dense',
      position: { x: 1120, y: 0 },
      params: { units: 1, activation: 'sigmoid', useBias: true },
    },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'emb' },
    { id: 'e2', source: 'emb', target: 'lstm1' },
    { id: 'e3', source: 'lstm1', target: 'lstm2' },
    { id: 'e4', source: 'lstm2', target: 'out' },
  ],
  training: {
    dataset: { id: 'builtin:spam', options: {} },
    loss: 'auto',
    optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    batchSize: 32,
    epochs: 2,
    clip: null,
    seed: 42,
    validationSplit: 0.1,
  },
};

/** Every example that validates, sorted by title; broken files are left out (the unit tests catch them). */
export function listExamples(): Example[] {
  const out: Example[] = [];
  for (const [path, doc] of Object.entries(files)) {
    const accepted = acceptParsed(validateGraph(doc));
    if (!accepted.ok) continue;
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    out.push({ id, title: accepted.graph.name || id, graph: accepted.graph });
  }
  if (!out.some((e) => e.graph.name === SEED_EXAMPLE.name)) {
    out.push({ id: 'seed-imdb', title: SEED_EXAMPLE.name, graph: SEED_EXAMPLE });
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}

/** The graph a first-ever visit opens: the char LSTM or MLP example when present, else the seed. */
export function firstRunExample(): Graph {
  const all = listExamples();
  const pick = all.find((e) => /char/i.test(e.id)) ?? all.find((e) => /mlp/i.test(e.id)) ?? all[0];
  return pick?.graph ?? SEED_EXAMPLE;
}
