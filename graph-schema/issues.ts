// Turning zod's issues into sentences for a student: "node lstm1: units must be a whole number
// from 1 to 4096, got 0". Every issue keeps its JSON path and the node or edge id it belongs to.
import type { z } from 'zod';

/** One problem in a graph document, tied to where it is. */
export interface GraphIssue {
  /** JSON path into the document, e.g. "nodes[3].params.units" ("" for the whole document) */
  path: string;
  nodeId?: string;
  edgeId?: string;
  /** a sentence a student understands */
  message: string;
  /** set when the problem is a bug of ours, not the document's fault (the CLI exits 3) */
  internal?: true;
}

type PathKey = string | number | symbol;

/** Formats a path as JavaScript-like accessors: ["nodes", 3, "params"] -> "nodes[3].params". */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A short, safe rendering of a user's value for a message (never the whole 5 MB document). */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The id of nodes[i] / edges[i] in the raw document, when it has a usable one. */
export function rawItemId(doc: unknown, list: 'nodes' | 'edges', index: number): string | undefined {
  if (!isRecord(doc) || !Array.isArray(doc[list])) return undefined;
  const item = (doc[list] as unknown[])[index];
  return isRecord(item) && typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
}

/** Where an issue lives: the subject of the sentence plus the node/edge id it belongs to. */
export function locate(
  doc: unknown,
  path: readonly PathKey[],
): Omit<GraphIssue, 'message' | 'path'> & {
  subject: string;
} {
  const [list, index, ...rest] = path;
  if ((list === 'nodes' || list === 'edges') && typeof index === 'number') {
    const id = rawItemId(doc, list, index);
    const kind = list === 'nodes' ? 'node' : 'edge';
    const owner = id !== undefined ? `${kind} ${id}` : `${list}[${index}]`;
    // inside a node, "params.units" reads better as just "units"
    const inner = list === 'nodes' && rest[0] === 'params' && rest.length > 1 ? rest.slice(1) : rest;
    const subject = inner.length > 0 ? `${owner}: ${formatPath(inner)}` : owner;
    const ids = id === undefined ? {} : list === 'nodes' ? { nodeId: id } : { edgeId: id };
    return { subject, ...ids };
  }
  return { subject: path.length > 0 ? formatPath(path) : 'the document' };
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a text string',
  boolean: 'true or false',
  object: 'an object {...}',
  array: 'a list [...]',
};

/** The predicate of the sentence ("must be ...") for one zod issue. */
function predicate(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('must ')) return issue.message; // our own schema wording
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => showValue(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `must have at least ${issue.minimum} character(s)`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} item(s)`;
      if (issue.origin === 'string') return `must have at most ${issue.maximum} character(s)`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options))
        return `must be one of ${(issue.options as unknown[]).map((v) => showValue(v)).join(', ')}`;
      return 'does not match any allowed form';
    default:
      return issue.message;
  }
}

/** One zod issue as a GraphIssue; `doc` is the raw document (for node/edge ids). */
export function fromZodIssue(issue: z.core.$ZodIssue, doc: unknown): GraphIssue {
  const path = issue.path;
  const { subject, ...ids } = locate(doc, path);
  const input = (issue as { input?: unknown }).input;
  const isDiscriminator = issue.code === 'invalid_union' && 'discriminator' in issue;
  let message: string;
  if (isDiscriminator && isRecord(input)) {
    const got = input[String(issue.discriminator)];
    const what = got === undefined ? 'is missing' : `${showValue(got)} is not known`;
    message = `${subject} ${what}: it ${predicate(issue)}`;
  } else if (input === undefined && issue.code === 'invalid_type') {
    message = `${subject} is missing: it ${predicate(issue)}`;
  } else {
    message = `${subject} ${predicate(issue)}, got ${showValue(input)}`;
  }
  return { path: formatPath(path), ...ids, message };
}

/** All zod issues as GraphIssues, without duplicates (zod may report one value twice). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], doc: unknown): GraphIssue[] {
  const seen = new Set<string>();
  const out: GraphIssue[] = [];
  for (const issue of issues) {
    const g = fromZodIssue(issue, doc);
    const key = `${g.path}\u0000${g.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(g);
    }
  }
  return out;
}
