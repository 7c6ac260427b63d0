// Test helpers that read like the graph a student draws: graph([node('in', 'Input', {...}), ...], [['in', 'd']]).

/** A node literal for a test document. */
export function node(
  id: string,
  type: string,
  params: Record<string, unknown> = {},
  x = 0,
): Record<string, unknown> {
  return { id, type, position: { x, y: 0 }, params };
}

/** A version-1 document with the given nodes and edges (source, target) named e1, e2, ... */
export function graph(
  nodes: Record<string, unknown>[],
  edges: Array<[string, string]>,
): Record<string, unknown> {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: 'test',
    nodes,
    edges: edges.map(([source, target], i) => ({ id: `e${i + 1}`, source, target })),
  };
}

/** Input -> ... a chain of nodes connected in the order given. */
export function chain(...nodes: Record<string, unknown>[]): Record<string, unknown> {
  const ids = nodes.map((n) => n.id as string);
  return graph(
    nodes,
    ids.slice(1).map((id, i) => [ids[i], id]),
  );
}
