// Versions and migrations. Every change to the format bumps CURRENT_VERSION and adds one step to
// MIGRATIONS (from version n to n + 1), so a file of any older version is upgraded step by step.
import { CURRENT_VERSION, FORMAT_ID } from './schema.ts';
import { showValue, type GraphIssue } from './issues.ts';

/** One upgrade step: takes a document of version n (a private copy) and returns version n + 1. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** The oldest version this build can read (older ones would need a step that does not exist). */
export const OLDEST_VERSION = 1;

/** Upgrade steps keyed by the version they upgrade FROM. Empty while version 1 is the only one. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrateResult = { ok: true; doc: unknown } | { ok: false; error: GraphIssue };

/** Options for tests: a different table of steps and current version. */
export interface MigrateOptions {
  migrations?: Readonly<Record<number, Migration>>;
  current?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks format and version and upgrades an older document to the current version; never throws. */
export function migrate(doc: unknown, opts: MigrateOptions = {}): MigrateResult {
  const migrations = opts.migrations ?? MIGRATIONS;
  const current = opts.current ?? CURRENT_VERSION;
  const fail = (path: string, message: string): MigrateResult => ({ ok: false, error: { path, message } });
  if (!isRecord(doc)) {
    return fail(
      '',
      `a graph must be a JSON object {...} with "format": "${FORMAT_ID}", got ${showValue(doc)}`,
    );
  }
  if (doc.format !== FORMAT_ID) {
    const got = doc.format === undefined ? 'it is missing' : `got ${showValue(doc.format)}`;
    return fail('format', `this is not a Backprop Studio graph: "format" must be "${FORMAT_ID}", ${got}`);
  }
  const v = doc.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    const got = v === undefined ? 'it is missing' : `got ${showValue(v)}`;
    return fail('version', `"version" must be a whole number such as ${current}, ${got}`);
  }
  if (v > current) {
    return fail(
      'version',
      `this graph uses format version ${v}, saved by a newer Backprop Studio; this build reads versions up to ${current}: update Backprop Studio to open it`,
    );
  }
  let out: Record<string, unknown> = doc;
  for (let from = v; from < current; from++) {
    const step = migrations[from];
    if (step === undefined) {
      return fail(
        'version',
        `format version ${v} is too old: this build cannot upgrade it (no step from ${from})`,
      );
    }
    // steps may edit freely: they get a copy, so the caller's document is never changed
    try {
      out = { ...step(out === doc ? structuredClone(doc) : out), version: from + 1 };
    } catch (e) {
      return fail(
        'version',
        `upgrading this graph from format version ${from} failed: ${(e as Error).message}`,
      );
    }
  }
  return { ok: true, doc: out };
}
