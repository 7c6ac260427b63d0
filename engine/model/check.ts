// Validation before compiling: analyzeGraph (the same pass the canvas and `validate` use) must
// report no problem. Problems become one CompileError carrying every diagnostic with its node id.
import type { Graph } from '../../graph-schema/schema.ts';
import { analyzeGraph } from '../shapes/index.ts';
import type { GraphAnalysis } from '../shapes/types.ts';
import { CompileError } from './errors.ts';

/** The analysis of a graph that compiles (graph with defaults filled); throws CompileError otherwise. */
export function checkGraph(graph: Graph | unknown): GraphAnalysis & { graph: Graph } {
  const a = analyzeGraph(graph);
  if (!a.ok || a.graph === null) {
    throw new CompileError(
      a.diagnostics.length > 0 ? a.diagnostics : [{ path: '', message: 'the graph is not valid' }],
    );
  }
  return a as GraphAnalysis & { graph: Graph };
}

/** Throws when a layer's output shape disagrees with shape inference (a bug, not a user error). */
export function assertShapesAgree(a: GraphAnalysis, id: string, layerShape: number[]): void {
  const inferred = a.nodes[id]?.outputShape;
  if (inferred && inferred.join(',') !== layerShape.join(',')) {
    throw new Error(
      `internal: node '${id}' has output [${layerShape.join(', ')}] but shape inference says [${inferred.join(', ')}]`,
    );
  }
}
