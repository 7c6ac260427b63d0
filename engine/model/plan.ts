// The execution plan of an analyzed graph: the analysis's topological order (the project's one sort,
// engine/shapes/analyze.ts), each node's incoming edges in the graph's edge order, and the edges
// leaving it. compileModel and the exporters both build on it, so they list nodes in the same order
// as the summary.
import type { Graph, GraphEdge, GraphNode } from '../../graph-schema/schema.ts';
import type { GraphAnalysis } from '../shapes/types.ts';

/** One node's wiring. */
export interface PlanNode {
  node: GraphNode;
  /** edges into this node, in the graph's edge order (= the layer's input order) */
  inEdges: GraphEdge[];
  /** edges out of this node */
  outEdges: GraphEdge[];
}

/** The whole wiring, topologically sorted. */
export interface Plan {
  order: string[];
  nodes: Map<string, PlanNode>;
  inputId: string;
  outputId: string;
}

/** Builds the plan of a graph that analyzed without problems; throws when the wiring is not one
 *  DAG with one Input and one output (validation reports this first). */
export function buildPlan(analysis: GraphAnalysis & { graph: Graph }): Plan {
  const graph = analysis.graph;
  const nodes = new Map<string, PlanNode>();
  for (const node of graph.nodes) nodes.set(node.id, { node, inEdges: [], outEdges: [] });
  for (const e of graph.edges) {
    const src = nodes.get(e.source);
    const dst = nodes.get(e.target);
    if (!src || !dst) throw new Error(`edge '${e.id}' connects a node that does not exist`);
    src.outEdges.push(e);
    dst.inEdges.push(e);
  }
  const order = analysis.order;
  if (order.length !== nodes.size) throw new Error('the graph has a loop: a model must flow one way');
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  const outputs = graph.nodes.filter((n) => nodes.get(n.id)!.outEdges.length === 0);
  if (inputs.length !== 1) throw new Error(`a model needs exactly one Input node, found ${inputs.length}`);
  if (outputs.length !== 1) {
    throw new Error(
      `a model needs exactly one output node (a node feeding nothing), found ${outputs.length}`,
    );
  }
  return { order: [...order], nodes, inputId: inputs[0].id, outputId: outputs[0].id };
}
