// Graph JSON + analysis + selection -> React Flow's node and edge arrays. Pure and memo-friendly:
// an unchanged node keeps its previous object, so React Flow and the memoized node components skip it.
import type { Edge, Node } from '@xyflow/react';
import type { GraphAnalysis } from '../../engine/index.ts';
import type { Graph, GraphNode } from '../../graph-schema/schema.ts';
import { cardLine } from '../../engine/index.ts';
import { formatShape } from '../model/analysis.ts';
import type { Selection } from '../store/history.ts';
import type { Size } from '../store/measure.ts';

/** Data of a canvas node: plain values only (no functions), all derived from the graph. */
export interface LayerNodeData extends Record<string, unknown> {
  type: GraphNode['type'];
  summary: string;
  shape: string;
  params: number;
  errors: string[];
  /** whether the node has an input handle (Input nodes do not) */
  hasInput: boolean;
}

/** Data of a canvas edge: the tensor shape it carries. */
export interface ShapeEdgeData extends Record<string, unknown> {
  shape: string;
  /** true when the source's shape is unknown or the target reports a problem */
  broken: boolean;
}

/** React Flow node of the designer. */
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
/** React Flow edge of the designer. */
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/** One line of key params for the node card, e.g. "64 units · seq · bi" (the type's descriptor says). */
export function keyParams(node: GraphNode): string {
  return cardLine(node);
}

/** Derives React Flow nodes, reusing `prev` objects whose inputs did not change. */
export function deriveNodes(
  graph: Graph,
  analysis: GraphAnalysis,
  selection: Selection,
  sizes: Record<string, Size>,
  prev: Map<string, LayerFlowNode>,
): LayerFlowNode[] {
  const selected = new Set(selection.nodes);
  return graph.nodes.map((n) => {
    const info = analysis.nodes[n.id];
    const data: LayerNodeData = {
      type: n.type,
      summary: keyParams(n),
      shape: formatShape(info?.outputShape),
      params: info?.params ?? 0,
      errors: info?.errors ?? [],
      hasInput: n.type !== 'Input',
    };
    const old = prev.get(n.id);
    const size = sizes[n.id];
    const position = n.position ?? { x: 0, y: 0 };
    if (
      old &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.selected === selected.has(n.id) &&
      old.measured?.width === size?.width &&
      old.measured?.height === size?.height &&
      sameData(old.data, data)
    ) {
      return old;
    }
    return { id: n.id, type: 'layer', position, data, selected: selected.has(n.id), measured: size };
  });
}

function sameData(a: LayerNodeData, b: LayerNodeData): boolean {
  return (
    a.type === b.type &&
    a.summary === b.summary &&
    a.shape === b.shape &&
    a.params === b.params &&
    a.hasInput === b.hasInput &&
    a.errors.length === b.errors.length &&
    a.errors.every((e, i) => e === b.errors[i])
  );
}

/** Derives React Flow edges: each labelled with the shape its source outputs. */
export function deriveEdges(graph: Graph, analysis: GraphAnalysis, selection: Selection): ShapeFlowEdge[] {
  const selected = new Set(selection.edges);
  return graph.edges.map((e) => {
    const shape = analysis.nodes[e.source]?.outputShape ?? null;
    const broken = shape === null || (analysis.nodes[e.target]?.errors.length ?? 0) > 0;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      type: 'shape',
      selected: selected.has(e.id),
      data: { shape: formatShape(shape), broken },
    };
  });
}
