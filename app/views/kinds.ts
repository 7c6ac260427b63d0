// Which views a node offers: gates on recurrent nodes, the map on Embedding nodes, and the model-wide
// views (layer gradients, the numbers behind backprop for small models, the next-token table for
// language models) on the output node. Decided from the graph alone, so the buttons show before training.
import { listBuiltinDatasets } from '../../engine/index.ts';
import { VALUES_MAX_PARAMS } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { uploadFor } from '../data/uploads.ts';
import { analysisOf } from '../model/analysis.ts';
import type { ViewKind } from './store.ts';

const RECURRENT = new Set(['RNN', 'LSTM', 'GRU']);

/** Button text and tooltip per kind. */
export const VIEW_LABELS: Record<ViewKind, { text: string; title: string }> = {
  gates: { text: 'Gates', title: 'Gate activations, cell and hidden state over time' },
  embedding: { text: 'Map', title: 'The embedding rows on a 2D map (PCA), with nearest neighbours' },
  'layer-grads': { text: 'Layer grads', title: 'Gradient norm reaching each layer, output back to input' },
  values: { text: 'Values', title: 'The numbers behind backprop for one example' },
  'lm-table': { text: 'Top-5', title: 'The top-5 next tokens under each token of a text' },
  attention: { text: 'Attention', title: 'Attention weights: how much each position reads every other' },
};

/** The node with no outgoing edge (the model's output), or null. */
export function outputNodeId(graph: Graph): string | null {
  const sources = new Set(graph.edges.map((e) => e.source));
  const outs = graph.nodes.filter((n) => n.type !== 'Input' && !sources.has(n.id));
  return outs.length === 1 ? outs[0].id : null;
}

/** True when the graph trains as a language model (built-in LM data or uploaded plain text). */
export function isLanguageModel(graph: Graph): boolean {
  const id = graph.training?.dataset.id ?? '';
  if (id.startsWith('upload:')) return uploadFor(id)?.kind === 'text';
  return listBuiltinDatasets().find((d) => d.id === id)?.task === 'language-model';
}

/** The views node `nodeId` offers, in button order. */
export function viewKindsFor(graph: Graph, nodeId: string): ViewKind[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  const kinds: ViewKind[] = [];
  if (RECURRENT.has(node.type)) kinds.push('gates');
  if (node.type === 'Embedding') kinds.push('embedding');
  if (node.type === 'SelfAttention') kinds.push('attention');
  if (outputNodeId(graph) === nodeId) {
    if (isLanguageModel(graph)) kinds.push('lm-table');
    kinds.push('layer-grads');
    const a = analysisOf(graph);
    if (a.ok && a.totalParams <= VALUES_MAX_PARAMS) kinds.push('values');
  }
  return kinds;
}
