// Which parsed documents the designer accepts as "the graph" (import, JSON editor, share link, autosave).
// A work-in-progress graph (a node not wired yet, no output) is accepted: its problems show on the nodes.
// Refused: anything that is not a schema-valid graph, and wiring the canvas cannot draw (duplicate or
// dangling ids), because React Flow would silently drop or merge those items.
import { type GraphIssue, type ParseResult, parseGraphText } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';

/** A graph the canvas can show, or the issues that stop it (for a student: what and where). */
export type Accepted = { ok: true; graph: Graph } | { ok: false; issues: GraphIssue[] };

/** Parses graph text (JSON) and decides whether the designer can open it. */
export function acceptGraphText(text: string): Accepted {
  return acceptParsed(parseGraphText(text));
}

/** Decides on an already parsed and validated document. */
export function acceptParsed(result: ParseResult): Accepted {
  if (result.ok) return { ok: true, graph: result.graph };
  if (!result.graph) return { ok: false, issues: result.issues };
  const drawIssues = undrawable(result.graph);
  if (drawIssues.length > 0) return { ok: false, issues: drawIssues };
  return { ok: true, graph: result.graph };
}

function undrawable(graph: Graph): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const nodeIds = new Set<string>();
  graph.nodes.forEach((n, i) => {
    if (nodeIds.has(n.id))
      issues.push({ path: `nodes[${i}].id`, nodeId: n.id, message: `node id "${n.id}" is used twice` });
    nodeIds.add(n.id);
  });
  const edgeIds = new Set<string>();
  graph.edges.forEach((e, i) => {
    if (edgeIds.has(e.id))
      issues.push({ path: `edges[${i}].id`, edgeId: e.id, message: `edge id "${e.id}" is used twice` });
    edgeIds.add(e.id);
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(e[end]) && !graph.nodes.some((n) => n.id === e[end])) {
        issues.push({
          path: `edges[${i}].${end}`,
          edgeId: e.id,
          message: `edge ${e.id}: ${end} "${e[end]}" is not a node id`,
        });
      }
    }
  });
  return issues;
}

/** One line per issue, "where: what", for toasts and the editor's problem list. */
export function describeIssues(issues: GraphIssue[], max = 5): string {
  const lines = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  if (issues.length > max) lines.push(`... and ${issues.length - max} more`);
  return lines.join('\n');
}
