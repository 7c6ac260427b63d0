// Gradient numbers -> the canvas overlay slot (app/slots/overlays.ts): edge colour and width by log10 of the
// edge gradient norm, a label with the number, parameter-gradient badges on nodes, and the divergence mark.
import type { DivergenceInfo } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { EdgeOverlay, NodeBadge, OverlayState } from '../slots/overlays.ts';
import { fmtNorm, scalePosition, sequential, sequentialRgb, themed } from './palette.ts';

/** Stroke width in px for a scale position t in [0, 1]. */
export function edgeWidth(t: number): number {
  return 1.5 + 6.5 * t;
}

/** Colour and width of an edge carrying gradient norm `norm`. */
export function edgeOverlay(norm: number, theme: 'dark' | 'light'): EdgeOverlay {
  const t = scalePosition(norm);
  const colour = themed(t, theme);
  const [r, g, b] = sequentialRgb(colour);
  return {
    gradNorm: norm,
    color: sequential(colour),
    width: edgeWidth(t),
    label: `∇ ${fmtNorm(norm)}`,
    labelBackground: sequential(colour),
    // Dark text on the bright end of the palette, white on the dark end.
    labelColor: 0.2126 * r + 0.7152 * g + 0.0722 * b > 120 ? '#111' : '#fff',
  };
}

/** The L2 norm over all of a node's parameter gradients (sqrt of the sum of squared per-param norms). */
export function nodeGradNorm(params: Record<string, number>): number {
  let s = 0;
  for (const v of Object.values(params)) s += v * v;
  return Math.sqrt(s);
}

/** An edge out of an int32 Input: token ids are not differentiable, so no gradient flows back along it. */
export const NO_GRADIENT: EdgeOverlay = { gradNorm: 0, label: 'token ids: no gradient flows back' };

function intInput(graph: Graph, id: string): boolean {
  const n = graph.nodes.find((x) => x.id === id);
  return n?.type === 'Input' && n.params.dtype === 'int32';
}

/** Highlight colour of a divergence (the palette never uses it: it reads as "something else"). */
export const DIVERGED_COLOR = '#ff2e88';

/** Edges the divergence concerns: the reported edge, else the edges leaving the node where it started. */
export function divergedEdges(graph: Graph, d: DivergenceInfo): string[] {
  if (d.edgeId) return [d.edgeId];
  if (!d.nodeId) return [];
  return graph.edges.filter((e) => e.source === d.nodeId).map((e) => e.id);
}

/** The whole overlay state for the latest gradients (and divergence, if any). */
export function buildOverlays(
  graph: Graph,
  edges: Record<string, number>,
  params: Record<string, Record<string, number>>,
  divergence: DivergenceInfo | null,
  theme: 'dark' | 'light',
): OverlayState {
  const out: OverlayState = { edges: {}, nodeBadges: {} };
  const hasReport = Object.keys(edges).length > 0;
  for (const e of graph.edges) {
    const norm = edges[e.id];
    if (norm !== undefined) out.edges[e.id] = edgeOverlay(norm, theme);
    else if (hasReport && intInput(graph, e.source)) out.edges[e.id] = NO_GRADIENT;
  }
  for (const [nodeId, p] of Object.entries(params)) {
    const detail = Object.entries(p)
      .map(([k, v]) => `${k}: ${fmtNorm(v)}`)
      .join(', ');
    const badge: NodeBadge = {
      id: 'grad',
      text: `‖∂L/∂W‖ ${fmtNorm(nodeGradNorm(p))}`,
      title: `Parameter-gradient norms of this node: ${detail}`,
    };
    out.nodeBadges[nodeId] = [badge];
  }
  if (divergence) markDivergence(out, graph, divergence);
  return out;
}

function markDivergence(out: OverlayState, graph: Graph, d: DivergenceInfo): void {
  for (const id of divergedEdges(graph, d)) {
    out.edges[id] = {
      ...out.edges[id],
      color: DIVERGED_COLOR,
      width: 8,
      label: '⚠ diverged here',
      labelBackground: DIVERGED_COLOR,
      labelColor: '#fff',
    };
  }
  if (!d.nodeId) return;
  const badge: NodeBadge = {
    id: 'diverged',
    text: d.param ? `⚠ diverged (${d.param})` : '⚠ diverged here',
    tone: 'error',
    title: d.message,
  };
  out.nodeBadges[d.nodeId] = [badge, ...(out.nodeBadges[d.nodeId] ?? [])];
}
