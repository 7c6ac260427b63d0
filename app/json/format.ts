// The JSON tab's layout: top-level keys one per line, and each node, edge and training setting on ONE
// line, so a whole graph of a dozen layers fits on a screen and a diff shows which node changed.

/** Pretty-prints a graph document in the editor's layout (valid JSON, parseable by JSON.parse). */
export function formatGraphJson(doc: unknown): string {
  if (!isPlainObject(doc)) return compact(doc);
  const lines = Object.entries(doc).map(
    ([key, value]) =>
      `  ${JSON.stringify(key)}: ${block(key === 'nodes' && Array.isArray(value) ? value.map(nodeFirst) : value)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

function block(value: unknown): string {
  if (Array.isArray(value) && value.length > 0) {
    return `[\n${value.map((v) => `    ${compact(v)}`).join(',\n')}\n  ]`;
  }
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    const lines = Object.entries(value).map(([k, v]) => `    ${JSON.stringify(k)}: ${compact(v)}`);
    return `{\n${lines.join(',\n')}\n  }`;
  }
  return compact(value);
}

/** One-line JSON with a space after ':' and ',' (readable, still compact). */
export function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (isPlainObject(value)) {
    const parts = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// A node reads best as "id, type, params" with its position last (the canvas owns that part).
const NODE_KEY_ORDER = ['id', 'type', 'params'];

function nodeFirst(node: unknown): unknown {
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const k of NODE_KEY_ORDER) if (k in node) out[k] = node[k];
  for (const [k, v] of Object.entries(node)) if (!(k in out)) out[k] = v;
  return out;
}
