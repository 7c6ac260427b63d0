// Rules about the graph's wiring, which no per-node schema can see: unique ids, edges that name
// real nodes, no loops, exactly one Input and one output, every node reachable from the Input.
import type { GraphIssue } from './issues.ts';
import type { EdgeRef, GraphView, NodeRef } from './view.ts';

/** Every structural problem of the view (empty when the wiring is sound). */
export function structuralIssues(view: GraphView): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const byId = uniqueNodes(view.nodes, issues);
  const nodes = [...byId.values()]; // a duplicate id was reported; the first node with it counts
  const edges = usableEdges(view.edges, byId, issues);
  const cycles = cycleIssues(nodes, edges);
  issues.push(...cycles);
  const inputs = nodes.filter((n) => n.type === 'Input');
  issues.push(...inputCountIssues(inputs));
  if (cycles.length === 0) issues.push(...outputIssues(nodes, edges));
  if (inputs.length === 1) issues.push(...reachabilityIssues(inputs[0], nodes, edges));
  return issues;
}

/** Map id -> first node with it; later duplicates are reported. */
function uniqueNodes(nodes: NodeRef[], issues: GraphIssue[]): Map<string, NodeRef> {
  const byId = new Map<string, NodeRef>();
  for (const n of nodes) {
    const first = byId.get(n.id);
    if (first) {
      issues.push({
        path: `nodes[${n.index}].id`,
        nodeId: n.id,
        message: `node id "${n.id}" is used twice (nodes[${first.index}] and nodes[${n.index}]): every node needs its own id`,
      });
    } else byId.set(n.id, n);
  }
  return byId;
}

/** Edges whose ends exist, that are not self-loops, duplicates or repeated connections. */
function usableEdges(edges: EdgeRef[], byId: Map<string, NodeRef>, issues: GraphIssue[]): EdgeRef[] {
  const seenIds = new Map<string, EdgeRef>();
  const seenPairs = new Map<string, EdgeRef>();
  const usable: EdgeRef[] = [];
  for (const e of edges) {
    const at = (field: string) => ({ path: `edges[${e.index}]${field}`, edgeId: e.id });
    const firstWithId = seenIds.get(e.id);
    if (firstWithId) {
      const message = `edge id "${e.id}" is used twice (edges[${firstWithId.index}] and edges[${e.index}]): every edge needs its own id`;
      issues.push({ ...at('.id'), message });
    } else seenIds.set(e.id, e);
    let ok = true;
    if (!byId.has(e.source)) {
      issues.push({
        ...at('.source'),
        message: `edge ${e.id} starts at "${e.source}", but there is no node with that id`,
      });
      ok = false;
    }
    if (!byId.has(e.target)) {
      issues.push({
        ...at('.target'),
        message: `edge ${e.id} ends at "${e.target}", but there is no node with that id`,
      });
      ok = false;
    }
    if (!ok) continue;
    if (e.source === e.target) {
      issues.push({
        ...at(''),
        message: `edge ${e.id} connects ${e.source} to itself: a graph cannot loop back`,
      });
      continue;
    }
    const pair = `${e.source}\u0000${e.target}`;
    const same = seenPairs.get(pair);
    if (same) {
      const message = `edge ${e.id} repeats the connection ${e.source} -> ${e.target} of edge ${same.id}: connect two nodes once`;
      issues.push({ ...at(''), message });
      continue;
    }
    seenPairs.set(pair, e);
    usable.push(e);
  }
  return usable;
}

/** Each loop found (up to 10), naming its nodes in order (a -> b -> c -> a) and its edges. */
function cycleIssues(nodes: NodeRef[], edges: EdgeRef[]): GraphIssue[] {
  const left = nodesOnOrBehindLoops(nodes, edges);
  const incoming = groupBy(edges, 'target');
  const docIndex = new Map(nodes.map((n) => [n.id, n.index]));
  const issues: GraphIssue[] = [];
  const reported = new Set<string>();
  for (const start of left) {
    if (reported.has(start) || issues.length >= 10) continue;
    const found = loopBehind(start, incoming, left, reported);
    if (found === null) continue; // behind a loop already reported
    // start the sentence at the loop's node listed first in the document, as a person reads it
    const { back, backInto } = found;
    const k = back.reduce((best, id, i) => (docIndex.get(id)! < docIndex.get(back[best])! ? i : best), 0);
    const loop = [...back.slice(k), ...back.slice(0, k)];
    const into = [...backInto.slice(k), ...backInto.slice(0, k)]; // into[i] enters loop[i]
    for (const id of loop) reported.add(id);
    const closing = into[0];
    const loopEdges = [...into.slice(1), closing]; // in the order the loop is written
    issues.push({
      path: `edges[${closing.index}]`,
      edgeId: closing.id,
      nodeId: loop[0],
      message: `nodes ${[...loop, loop[0]].join(' -> ')} form a loop (edges ${loopEdges.map((e) => e.id).join(', ')}): a graph cannot loop back; remove one of these edges`,
    });
  }
  return issues;
}

/** Kahn's algorithm peels off every node that is neither on a loop nor downstream of one. */
function nodesOnOrBehindLoops(nodes: NodeRef[], edges: EdgeRef[]): Set<string> {
  const indeg = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const outgoing = groupBy(edges, 'source');
  for (const e of edges) indeg.set(e.target, (indeg.get(e.target) ?? 0) + 1);
  const queue = [...indeg].filter(([, d]) => d === 0).map(([id]) => id);
  const left = new Set(indeg.keys());
  while (queue.length > 0) {
    const id = queue.pop()!;
    left.delete(id);
    for (const e of outgoing.get(id) ?? []) {
      const d = indeg.get(e.target)! - 1;
      indeg.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  return left;
}

/**
 * Walks backwards from `start` along edges between remaining nodes. Every remaining node has such
 * an edge, so the walk must revisit a node: from there it is a loop (listed in walking order,
 * reversed back to edge direction). Null when the walk runs into a loop already reported.
 */
function loopBehind(
  start: string,
  incoming: Map<string, EdgeRef[]>,
  left: Set<string>,
  reported: Set<string>,
): { back: string[]; backInto: EdgeRef[] } | null {
  const walk: string[] = [];
  const posInWalk = new Map<string, number>();
  const via: EdgeRef[] = [];
  let cur = start;
  while (!posInWalk.has(cur) && !reported.has(cur)) {
    posInWalk.set(cur, walk.length);
    walk.push(cur);
    const candidates = (incoming.get(cur) ?? []).filter((x) => left.has(x.source));
    const e = candidates.find((x) => !reported.has(x.source)) ?? candidates[0]; // prefer a new loop
    via.push(e);
    cur = e.source;
  }
  if (reported.has(cur)) return null;
  const from = posInWalk.get(cur)!;
  return { back: walk.slice(from).reverse(), backInto: via.slice(from).reverse() };
}

function inputCountIssues(inputs: NodeRef[]): GraphIssue[] {
  if (inputs.length === 0) {
    return [{ path: 'nodes', message: 'the graph has no Input node: add one where the data comes in' }];
  }
  return inputs.slice(1).map((n) => ({
    path: `nodes[${n.index}]`,
    nodeId: n.id,
    message: `node ${n.id} is a second Input (the first is ${inputs[0].id}): a version-1 graph has exactly one Input`,
  }));
}

/** Exactly one node that nothing consumes. */
function outputIssues(nodes: NodeRef[], edges: EdgeRef[]): GraphIssue[] {
  const consumed = new Set(edges.map((e) => e.source));
  const outputs = nodes.filter((n) => !consumed.has(n.id));
  if (outputs.length <= 1) return [];
  const firstFew = outputs.slice(0, 6).map((o) => o.id);
  return outputs.map((n) => {
    const named = firstFew.filter((id) => id !== n.id).slice(0, 5);
    const more = outputs.length - 1 - named.length;
    const others = more > 0 ? [...named, `${more} more`] : named;
    return {
      path: `nodes[${n.index}]`,
      nodeId: n.id,
      message: `node ${n.id} has nothing after it, and neither does ${others.join(', ')}: a version-1 graph has exactly one output (a node nothing consumes); connect ${n.id} onward or delete it`,
    };
  });
}

/** Every node must be reachable from the Input along edges. */
function reachabilityIssues(input: NodeRef, nodes: NodeRef[], edges: EdgeRef[]): GraphIssue[] {
  const outgoing = groupBy(edges, 'source');
  const seen = new Set([input.id]);
  const stack = [input.id];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const e of outgoing.get(id) ?? []) {
      if (!seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return nodes
    .filter((n) => !seen.has(n.id) && n.type !== 'Input')
    .map((n) => ({
      path: `nodes[${n.index}]`,
      nodeId: n.id,
      message: `node ${n.id} cannot be reached from the Input ${input.id}: connect it downstream of ${input.id}, or delete it`,
    }));
}

/** Edges grouped by their source or target node id. */
function groupBy(edges: EdgeRef[], end: 'source' | 'target'): Map<string, EdgeRef[]> {
  const map = new Map<string, EdgeRef[]>();
  for (const e of edges) {
    const list = map.get(e[end]);
    if (list) list.push(e);
    else map.set(e[end], [e]);
  }
  return map;
}
