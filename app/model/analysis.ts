// The canvas's live feedback: shape inference + parameter counts + diagnostics from the engine, computed
// once per graph version (graphs are immutable, so the graph object itself is the cache key).
import { analyzeGraph } from '../../engine/index.ts';
import type { GraphAnalysis } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const cache = new WeakMap<Graph, GraphAnalysis>();
let last: { key: string; analysis: GraphAnalysis } | null = null;

/** analyzeGraph(graph), memoized per graph object, and reused while only positions change (a drag
 *  makes a new graph every frame; shapes and counts do not depend on where a card sits). */
export function analysisOf(graph: Graph): GraphAnalysis {
  let a = cache.get(graph);
  if (!a) {
    const key = structureKey(graph);
    a = last?.key === key ? last.analysis : analyzeGraph(graph);
    last = { key, analysis: a };
    cache.set(graph, a);
  }
  return a;
}

function structureKey(graph: Graph): string {
  return JSON.stringify({ ...graph, nodes: graph.nodes.map(({ position: _p, ...rest }) => rest) });
}

/** "[200, 128]" for a shape without the batch axis; "?" when it cannot be inferred. */
export function formatShape(shape: readonly number[] | null | undefined): string {
  return shape ? `[${shape.join(', ')}]` : '?';
}

/** 2757761 -> "2,757,761" (the Keras summary's grouping). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
