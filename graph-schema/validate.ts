// The one way in for a graph document: text or parsed value -> every issue, or a typed Graph.
// Order: size cap and document bounds, JSON syntax, dangerous keys, format/version (migrate), schema, wiring.
import { boundsIssue, checkValueBounds } from './bounds.ts';
import { findDangerousKeys } from './dangerous.ts';
import { fromZodIssues, type GraphIssue } from './issues.ts';
import { parseJsonText } from './json-text.ts';
import { migrate, type MigrateOptions } from './migrate.ts';
import { Graph } from './schema.ts';
import { structuralIssues } from './structure.ts';
import { graphView } from './view.ts';

/** A valid graph, or every issue found (with the typed graph when only the wiring is wrong). */
export type ParseResult =
  | { ok: true; graph: Graph }
  | { ok: false; graph: Graph | null; issues: GraphIssue[] };

/** At most this many issues are returned: enough to fix a file, not a flood for a garbage one. */
export const MAX_ISSUES = 100;

/** Validates a parsed JSON value (migrating older versions first); never throws. */
export function validateGraph(doc: unknown, opts: MigrateOptions = {}): ParseResult {
  try {
    return validateUnsafe(doc, opts);
  } catch (e) {
    // Only a bug of ours can get here; report it as an issue rather than crash the caller.
    const message = `internal error while validating: ${(e as Error)?.message ?? String(e)}`;
    return { ok: false, graph: null, issues: [{ path: '', message, internal: true }] };
  }
}

/** Parses and validates the text of a graph document; never throws. */
export function parseGraphText(text: string, opts: MigrateOptions = {}): ParseResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, graph: null, issues: [parsed.issue] };
  return validateGraph(parsed.value, opts);
}

function validateUnsafe(doc: unknown, opts: MigrateOptions): ParseResult {
  // first, one linear pass: nothing below may meet a document too deep or too large for it
  const bounds = checkValueBounds(doc);
  if (bounds) return { ok: false, graph: null, issues: [boundsIssue(bounds)] };
  const dangerous = findDangerousKeys(doc);
  if (dangerous.length > 0) return { ok: false, graph: null, issues: dangerous };
  const migrated = migrate(doc, opts);
  if (!migrated.ok) return { ok: false, graph: null, issues: [migrated.error] };
  const parsed = Graph.safeParse(migrated.doc, { reportInput: true });
  const schemaIssues = parsed.success ? [] : fromZodIssues(parsed.error.issues, migrated.doc);
  const issues = [...schemaIssues, ...structuralIssues(graphView(migrated.doc))];
  const graph = parsed.success ? parsed.data : null;
  if (graph !== null && issues.length === 0) return { ok: true, graph };
  return { ok: false, graph, issues: capIssues(issues) };
}

function capIssues(issues: GraphIssue[]): GraphIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const rest = issues.length - MAX_ISSUES;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { path: '', message: `... and ${rest} more problem(s) not listed` },
  ];
}
