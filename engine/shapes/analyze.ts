// analyzeGraph: validation + shape inference + parameter counts in one pure pass. The canvas calls
// it on every edit, so it is tolerant: a node with bad params gets its own error and no shape, and
// the rest of the graph is still inferred where its inputs are known.
import { LIMITS, GraphNode, type Graph } from '../../graph-schema/schema.ts';
import { validateGraph } from '../../graph-schema/validate.ts';
import { migrate } from '../../graph-schema/migrate.ts';
import { checkValueBounds } from '../../graph-schema/bounds.ts';
import { findDangerousKeys } from '../../graph-schema/dangerous.ts';
import { graphView, type EdgeRef } from '../../graph-schema/view.ts';
import { paramCount } from './params.ts';
import { SHAPE_RULES, type FlowInfo, type NodeInput } from './rules.ts';
import type { Diagnostic, GraphAnalysis, NodeInfo } from './types.ts';

/** The nodes and wiring inference runs on: typed nodes where they parse, usable edges only. */
interface Wiring {
  ids: string[];
  index: Map<string, number>;
  types: Map<string, string>;
  typed: Map<string, GraphNode | null>;
  edges: EdgeRef[];
}

/** Validates `doc` (a parsed JSON value) and infers every node's shape and parameters; never throws. */
export function analyzeGraph(doc: unknown): GraphAnalysis {
  try {
    return analyzeUnsafe(doc);
  } catch (e) {
    const message = `internal error while analyzing the graph: ${(e as Error)?.message ?? String(e)}`;
    const internal = true as const;
    return {
      ok: false,
      graph: null,
      nodes: {},
      order: [],
      totalParams: 0,
      diagnostics: [{ path: '', message, internal }],
    };
  }
}

function analyzeUnsafe(doc: unknown): GraphAnalysis {
  const validated = validateGraph(doc);
  const diagnostics: Diagnostic[] = validated.ok ? [] : [...validated.issues];
  const graph = validated.graph;
  const wiring = graph ? wiringOfGraph(graph) : wiringOfDocument(doc);
  if (!wiring) return { ok: false, graph: null, nodes: {}, order: [], totalParams: 0, diagnostics };
  const order = topologicalOrder(wiring);
  const { nodes, semantic } = inferAll(wiring, order);
  diagnostics.push(...semantic);
  if (wiring.ids.length === 1 && wiring.types.get(wiring.ids[0]) === 'Input') {
    diagnostics.push({
      path: 'nodes',
      message: 'the graph has only an Input: add at least one layer after it',
    });
  }
  for (const d of diagnostics) if (d.nodeId && nodes[d.nodeId]) nodes[d.nodeId].errors.push(d.message);
  const totalParams = Object.values(nodes).reduce((sum, n) => sum + n.params, 0);
  if (totalParams > LIMITS.maxTotalParams) diagnostics.push(tooManyParams(nodes, totalParams));
  return { ok: diagnostics.length === 0 && graph !== null, graph, nodes, order, totalParams, diagnostics };
}

function wiringOfGraph(graph: Graph): Wiring {
  const ids = graph.nodes.map((n) => n.id);
  return {
    ids,
    index: new Map(ids.map((id, i) => [id, i])),
    types: new Map(graph.nodes.map((n) => [n.id, n.type])),
    typed: new Map(graph.nodes.map((n) => [n.id, n])),
    edges: usable(
      graph.edges.map((e, index) => ({ index, id: e.id, source: e.source, target: e.target })),
      ids,
    ),
  };
}

/** When the whole graph does not parse, parse node by node (null when the document is hopeless). */
function wiringOfDocument(doc: unknown): Wiring | null {
  if (checkValueBounds(doc) !== null) return null; // too deep or too large to look inside
  if (findDangerousKeys(doc, 1).length > 0) return null; // never look inside such a document
  const migrated = migrate(doc);
  if (!migrated.ok) return null;
  const view = graphView(migrated.doc);
  if (view.nodes.length > LIMITS.maxNodes) return null;
  const rawNodes = (migrated.doc as { nodes: unknown[] }).nodes;
  const ids: string[] = [];
  const typed = new Map<string, GraphNode | null>();
  const types = new Map<string, string>();
  for (const n of view.nodes) {
    if (typed.has(n.id)) continue; // duplicate ids were reported; the first one counts
    ids.push(n.id);
    types.set(n.id, n.type);
    const parsed = GraphNode.safeParse(rawNodes[n.index]);
    typed.set(n.id, parsed.success ? parsed.data : null);
  }
  return { ids, index: new Map(ids.map((id, i) => [id, i])), types, typed, edges: usable(view.edges, ids) };
}

/** Edges between existing, distinct nodes, each connection once (the rest was reported). */
function usable(edges: EdgeRef[], ids: string[]): EdgeRef[] {
  const known = new Set(ids);
  const pairs = new Set<string>();
  return edges.filter((e) => {
    const pair = `${e.source}\u0000${e.target}`;
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target || pairs.has(pair))
      return false;
    pairs.add(pair);
    return true;
  });
}

/** Kahn's algorithm, taking the first ready node in document order; nodes on loops are left out.
 *  The one topological sort of the project (GraphAnalysis.order). */
function topologicalOrder(w: Wiring): string[] {
  const indeg = new Map(w.ids.map((id) => [id, 0]));
  for (const e of w.edges) indeg.set(e.target, indeg.get(e.target)! + 1);
  const ready = w.ids.filter((id) => indeg.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => w.index.get(a)! - w.index.get(b)!);
    const id = ready.shift()!;
    order.push(id);
    for (const e of w.edges) {
      if (e.source !== id) continue;
      const d = indeg.get(e.target)! - 1;
      indeg.set(e.target, d);
      if (d === 0) ready.push(e.target);
    }
  }
  return order;
}

/** Infers every node in order; a node whose inputs are unknown stays unknown, silently. */
function inferAll(w: Wiring, order: string[]): { nodes: Record<string, NodeInfo>; semantic: Diagnostic[] } {
  const nodes: Record<string, NodeInfo> = {};
  for (const id of w.ids) {
    nodes[id] = {
      id,
      type: w.types.get(id) ?? '',
      outputShape: null,
      dtype: null,
      params: 0,
      errors: [],
      inputs: [],
    };
  }
  const incomingOf = new Map<string, EdgeRef[]>(w.ids.map((id) => [id, []]));
  for (const e of w.edges) incomingOf.get(e.target)!.push(e); // edge order = input order
  for (const [id, es] of incomingOf) nodes[id].inputs = es.map((e) => e.source);
  const flows = new Map<string, FlowInfo>();
  const semantic: Diagnostic[] = [];
  for (const id of order) {
    const node = w.typed.get(id);
    if (!node) continue;
    const incoming = incomingOf.get(id)!;
    const problem = arityProblem(node, incoming);
    const at = { path: `nodes[${w.index.get(id)}]`, nodeId: id };
    const label = `node ${id} (${node.type})`;
    if (problem) {
      semantic.push({ ...at, message: `${label} ${problem}` });
      continue;
    }
    const inputs: NodeInput[] = [];
    for (const e of incoming) {
      const flow = flows.get(e.source);
      if (flow) inputs.push({ ...flow, from: e.source });
    }
    if (inputs.length < incoming.length) continue; // an upstream node already has an error
    const out = SHAPE_RULES[node.type].infer(node, inputs);
    if (typeof out === 'string') {
      semantic.push({ ...at, message: `${label} ${out}` });
      continue;
    }
    flows.set(id, out);
    Object.assign(nodes[id], {
      outputShape: out.shape,
      dtype: out.dtype,
      params: paramCount(
        node,
        inputs.map((x) => x.shape),
      ),
    });
  }
  return { nodes, semantic };
}

function arityProblem(node: GraphNode, incoming: EdgeRef[]): string | null {
  const n = incoming.length;
  const from = incoming.map((e) => e.source).join(', ');
  switch (SHAPE_RULES[node.type].arity) {
    case 'none':
      return n === 0 ? null : `is where data enters, so nothing can lead into it, but ${from} does`;
    case 'one':
      if (n === 1) return null;
      if (n === 0) return 'has no input: connect a node into it';
      return `takes exactly one input, but ${n} lead into it (from ${from}): merge them first with a Concat or an Add`;
    case 'many':
      if (n >= 2) return null;
      return `joins two or more inputs, but ${n === 0 ? 'none leads' : `only ${from} leads`} into it: connect another input, or delete the ${node.type}`;
  }
}

/** The whole-graph parameter cap, naming the node that holds the most (where to cut). */
function tooManyParams(nodes: Record<string, NodeInfo>, total: number): Diagnostic {
  const biggest = Object.values(nodes).reduce((a, b) => (b.params > a.params ? b : a));
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    path: 'nodes',
    nodeId: biggest.id,
    message: `the graph has ${fmt(total)} parameters, over the limit of ${fmt(LIMITS.maxTotalParams)} (node ${biggest.id} alone has ${fmt(biggest.params)}): make it smaller before training`,
  };
}
