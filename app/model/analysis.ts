// The canvas's live feedback: shape inference + parameter counts + diagnostics from the engine, computed
// once per graph version (graphs are immutable, so the graph object itself is the cache key).
import { analyzeGraph } from '../../engine/shapes/index.ts';
import type { GraphAnalysis } from '../../engine/shapes/types.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const cache = new WeakMap<Graph, GraphAnalysis>();

/** analyzeGraph(graph), memoized per graph object. */
export function analysisOf(graph: Graph): GraphAnalysis {
  let a = cache.get(graph);
  if (!a) {
    a = analyzeGraph(graph);
    cache.set(graph, a);
  }
  return a;
}

/** "[200, 128]" for a shape without the batch axis; "?" when it cannot be inferred. */
export function formatShape(shape: readonly number[] | null | undefined): string {
  return shape ? `[${shape.join(', ')}]` : '?';
}

/** 2757761 -> "2,757,761" (the Keras summary's grouping). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
