// Pure edits of the graph document. Each returns a NEW graph (structural sharing) and never mutates its
// input, so undo can keep old graphs as-is and React can compare by reference.
import type { Graph, GraphEdge, GraphNode, NodeType } from '../../graph-schema/schema.ts';
import { DEFAULT_PARAMS, MULTI_INPUT_TYPES } from './paramSpecs.ts';

/** A position on the canvas in flow coordinates (px at zoom 1). */
export interface XY {
  x: number;
  y: number;
}

/** An empty graph with the default training settings. */
export function emptyGraph(name = 'Untitled'): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name,
    nodes: [],
    edges: [],
    training: defaultTraining(),
  };
}

/** Training settings a new graph starts with. */
export function defaultTraining(): NonNullable<Graph['training']> {
  return {
    dataset: { id: 'builtin:spam', options: {} },
    loss: 'auto',
    optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    batchSize: 32,
    epochs: 10,
    clip: null,
    seed: 42,
    validationSplit: 0.1,
  };
}

/** A fresh id "<prefix><n>" not used by any node or edge of the graph (n starts at 1). */
export function freshId(graph: Graph, prefix: string, taken: Set<string> = usedIds(graph)): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}

function usedIds(graph: Graph): Set<string> {
  return new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
}

/** Adds a node of `type` with default params at `pos`; returns the new graph and the node id. */
export function addNode(graph: Graph, type: NodeType, pos: XY): { graph: Graph; id: string } {
  const id = freshId(graph, type.toLowerCase());
  const node = {
    id,
    type,
    position: { x: Math.round(pos.x), y: Math.round(pos.y) },
    params: structuredClone(DEFAULT_PARAMS[type]),
  } as GraphNode;
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/** Why a connection source -> target is refused, or null when it is allowed. */
export function connectionProblem(graph: Graph, source: string, target: string): string | null {
  const src = graph.nodes.find((n) => n.id === source);
  const tgt = graph.nodes.find((n) => n.id === target);
  if (!src || !tgt) return 'Both ends of a connection must be nodes on the canvas.';
  if (source === target) return `A node cannot feed itself (${source}).`;
  if (tgt.type === 'Input') return `${target} is an Input: it takes data, not another layer's output.`;
  if (graph.edges.some((e) => e.source === source && e.target === target)) {
    return `${source} is already connected to ${target}.`;
  }
  if (reaches(graph, target, source)) {
    return `Connecting ${source} -> ${target} would make a cycle (${target} already feeds ${source}); networks here flow one way.`;
  }
  if (!MULTI_INPUT_TYPES.has(tgt.type) && graph.edges.some((e) => e.target === target)) {
    return `${target} (${tgt.type}) takes one input and already has one; use Concat or Add to merge branches.`;
  }
  return null;
}

/** True when `to` can be reached from `from` by following edges forward. */
export function reaches(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of graph.edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}

/** Connects source -> target, or says why not. */
export function connect(
  graph: Graph,
  source: string,
  target: string,
): { ok: true; graph: Graph; id: string } | { ok: false; reason: string } {
  const problem = connectionProblem(graph, source, target);
  if (problem) return { ok: false, reason: problem };
  const id = freshId(graph, 'e');
  const edge: GraphEdge = { id, source, target };
  return { ok: true, graph: { ...graph, edges: [...graph.edges, edge] }, id };
}

/** Removes nodes (and their edges) and edges by id. */
export function removeItems(graph: Graph, nodeIds: Iterable<string>, edgeIds: Iterable<string>): Graph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !nodes.has(n.id)),
    edges: graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Sets one param of one node (value already checked by the inspector). */
export function setParam(graph: Graph, nodeId: string, key: string, value: unknown): Graph {
  return mapNode(graph, nodeId, (n) => ({ ...n, params: { ...n.params, [key]: value } }) as GraphNode);
}

/** Moves nodes to new positions (rounded to whole pixels so saved files stay tidy). */
export function moveNodes(graph: Graph, positions: Record<string, XY>): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const p = positions[n.id];
      return p ? ({ ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } as GraphNode) : n;
    }),
  };
}

/** Renames a node id everywhere (edges follow); refuses taken or malformed ids. */
export function renameNode(
  graph: Graph,
  from: string,
  to: string,
): { ok: true; graph: Graph } | { ok: false; reason: string } {
  if (from === to) return { ok: true, graph };
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(to)) {
    return {
      ok: false,
      reason: 'An id is 1 to 64 characters: a letter or _ first, then letters, digits, _ or -.',
    };
  }
  if (usedIds(graph).has(to))
    return { ok: false, reason: `"${to}" is already used by another node or edge.` };
  const renamed = mapNode(graph, from, (n) => ({ ...n, id: to }) as GraphNode);
  return {
    ok: true,
    graph: {
      ...renamed,
      edges: renamed.edges.map((e) =>
        e.source === from || e.target === from
          ? { ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target }
          : e,
      ),
    },
  };
}

function mapNode(graph: Graph, id: string, f: (n: GraphNode) => GraphNode): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? f(n) : n)) };
}

/** A copied piece of a graph: nodes plus the edges between them. */
export interface Clip {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Copies the given nodes and the edges that run between them. */
export function copyNodes(graph: Graph, ids: Iterable<string>): Clip {
  const set = new Set(ids);
  return {
    nodes: graph.nodes.filter((n) => set.has(n.id)).map((n) => structuredClone(n)),
    edges: graph.edges.filter((e) => set.has(e.source) && set.has(e.target)).map((e) => ({ ...e })),
  };
}

/** Pastes a clip with fresh ids, shifted by `offset`; returns the new graph and the new node ids. */
export function pasteClip(graph: Graph, clip: Clip, offset: XY): { graph: Graph; ids: string[] } {
  const taken = usedIds(graph);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = freshId(graph, n.type.toLowerCase(), taken);
    taken.add(id);
    rename.set(n.id, id);
    const p = n.position ?? { x: 0, y: 0 };
    return { ...structuredClone(n), id, position: { x: p.x + offset.x, y: p.y + offset.y } } as GraphNode;
  });
  const edges = clip.edges.map((e) => {
    const id = freshId(graph, 'e', taken);
    taken.add(id);
    return { ...e, id, source: rename.get(e.source)!, target: rename.get(e.target)! };
  });
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    ids: nodes.map((n) => n.id),
  };
}

/** Moves an edge to new ends (keeping its id), or says why not; the edge itself does not count as the
 *  target's existing input while it is being moved. */
export function reconnect(
  graph: Graph,
  edgeId: string,
  source: string,
  target: string,
): { ok: true; graph: Graph } | { ok: false; reason: string } {
  const without = { ...graph, edges: graph.edges.filter((e) => e.id !== edgeId) };
  const problem = connectionProblem(without, source, target);
  if (problem) return { ok: false, reason: problem };
  return {
    ok: true,
    graph: { ...graph, edges: graph.edges.map((e) => (e.id === edgeId ? { ...e, source, target } : e)) },
  };
}
