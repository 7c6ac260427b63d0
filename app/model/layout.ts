// Auto-layout with dagre (left to right, like the lecture's diagrams). Pure: graph in, positions out.
import dagre from '@dagrejs/dagre';
import type { Graph } from '../../graph-schema/schema.ts';
import type { XY } from './graphOps.ts';

/** Size assumed for a node that has not been measured yet (px). */
export const DEFAULT_NODE_SIZE = { width: 236, height: 110 };

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

/** Rough size of a node card before it is measured (px), for the overlap test below. */
const CARD = { width: 256, height: 100 };

/** True when two node cards would overlap at their saved positions (files written by hand or by tools
 *  that assume smaller nodes); such graphs are laid out on open so every card and label is readable. */
export function isCramped(graph: Graph): boolean {
  const ps = graph.nodes.map((n) => n.position ?? { x: 0, y: 0 });
  for (let i = 0; i < ps.length; i++) {
    for (let j = i + 1; j < ps.length; j++) {
      if (Math.abs(ps[i].x - ps[j].x) < CARD.width && Math.abs(ps[i].y - ps[j].y) < CARD.height) return true;
    }
  }
  return false;
}

/** The graph with auto-layout applied when its cards overlap; otherwise the same object. */
export function tidyIfCramped(graph: Graph): Graph {
  if (!isCramped(graph)) return graph;
  const pos = autoLayout(graph);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, position: pos[n.id] ?? n.position })) as Graph['nodes'],
  };
}
