// The execution plan of a validated graph: nodes in topological order (iterative Kahn, so a long
// chain cannot overflow the stack), each node's incoming edges in the graph's edge order, and the
// edges leaving it. Ties in the order keep the document's node order, so the plan (and with it the
// per-node random init) is deterministic.
import type { Graph, GraphEdge, GraphNode } from '../../graph-schema/schema.ts';

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

/** Builds the plan; throws when the wiring is not a DAG with one Input and one output (validation catches this first). */
export function buildPlan(graph: Graph): Plan {
  const nodes = new Map<string, PlanNode>();
  for (const node of graph.nodes) nodes.set(node.id, { node, inEdges: [], outEdges: [] });
  for (const e of graph.edges) {
    const src = nodes.get(e.source);
    const dst = nodes.get(e.target);
    if (!src || !dst) throw new Error(`edge '${e.id}' connects a node that does not exist`);
    src.outEdges.push(e);
    dst.inEdges.push(e);
  }
  const indeg = new Map<string, number>();
  for (const [id, p] of nodes) indeg.set(id, p.inEdges.length);
  const ready = graph.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const e of nodes.get(id)!.outEdges) {
      const left = indeg.get(e.target)! - 1;
      indeg.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  if (order.length !== nodes.size) throw new Error('the graph has a loop: a model must flow one way');
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  const outputs = graph.nodes.filter((n) => nodes.get(n.id)!.outEdges.length === 0);
  if (inputs.length !== 1) throw new Error(`a model needs exactly one Input node, found ${inputs.length}`);
  if (outputs.length !== 1) {
    throw new Error(
      `a model needs exactly one output node (a node feeding nothing), found ${outputs.length}`,
    );
  }
  return { order, nodes, inputId: inputs[0].id, outputId: outputs[0].id };
}
