// A tolerant view of a document's nodes and edges: whatever has a usable id, even when other
// fields are wrong. Structural rules and shape inference run on it, so one bad parameter does not
// hide a cycle elsewhere (validation reports every error at once).

/** A node as far as the graph's wiring is concerned. */
export interface NodeRef {
  /** index in the document's `nodes` list */
  index: number;
  id: string;
  /** the raw `type` value when it is a string, else "" */
  type: string;
}

/** An edge as far as the graph's wiring is concerned. */
export interface EdgeRef {
  index: number;
  id: string;
  source: string;
  target: string;
}

/** Nodes and edges with string ids; items without them are skipped (zod reports those). */
export interface GraphView {
  nodes: NodeRef[];
  edges: EdgeRef[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the tolerant view of `doc` (any value); never throws. */
export function graphView(doc: unknown): GraphView {
  const view: GraphView = { nodes: [], edges: [] };
  if (!isRecord(doc)) return view;
  if (Array.isArray(doc.nodes)) {
    doc.nodes.forEach((n, index) => {
      if (isRecord(n) && typeof n.id === 'string' && n.id !== '') {
        view.nodes.push({ index, id: n.id, type: typeof n.type === 'string' ? n.type : '' });
      }
    });
  }
  if (Array.isArray(doc.edges)) {
    doc.edges.forEach((e, index) => {
      if (
        isRecord(e) &&
        typeof e.id === 'string' &&
        typeof e.source === 'string' &&
        typeof e.target === 'string'
      ) {
        view.edges.push({ index, id: e.id, source: e.source, target: e.target });
      }
    });
  }
  return view;
}
