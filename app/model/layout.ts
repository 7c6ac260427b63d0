// Auto-layout with dagre (left to right, like the lecture's diagrams). Pure: graph in, positions out.
import dagre from '@dagrejs/dagre';
import type { Graph } from '../../graph-schema/schema.ts';
import type { XY } from './graphOps.ts';

/** Size assumed for a node that has not been measured yet (px). */
export const DEFAULT_NODE_SIZE = { width: 220, height: 120 };

/** Top-left positions for every node, ranks left to right; `sizes` are measured node sizes in px. */
export function autoLayout(
  graph: Graph,
  sizes: Record<string, { width: number; height: number }> = {},
): Record<string, XY> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { ...(sizes[n.id] ?? DEFAULT_NODE_SIZE) });
  for (const e of graph.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out: Record<string, XY> = {};
  for (const n of graph.nodes) {
    const p = g.node(n.id);
    const size = sizes[n.id] ?? DEFAULT_NODE_SIZE;
    // dagre gives centres; React Flow positions are top-left corners.
    out[n.id] = { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
  }
  return out;
}
