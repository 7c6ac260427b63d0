// The first look at any document: one linear, iterative pass over the text (before JSON.parse) or
// over a parsed value (before any recursive walk) that checks nesting depth, string length, array
// length, keys per object and the number of values against DOCUMENT_LIMITS. Nothing here recurses,
// and a path is only built for the one place that broke a limit, so 100,000 levels cost 100,000 steps.
import { formatPath, type GraphIssue } from './issues.ts';
import { DOCUMENT_LIMITS } from './limits.ts';

export type DocumentLimits = typeof DOCUMENT_LIMITS;

type Kind = 'depth' | 'string' | 'array' | 'keys' | 'values';

/** A limit broken: which one, the value found (at least), and where. */
export interface BoundsViolation {
  kind: Kind;
  limit: number;
  value: number;
  /** path segments to the place (truncated for very deep places) */
  path: Array<string | number>;
  /** levels of nesting at the place (the path may show fewer) */
  depth: number;
}

const WHAT: Record<Kind, (v: BoundsViolation) => string> = {
  depth: (v) =>
    `the document is nested ${v.value} levels deep (the limit is ${v.limit}; a graph needs about 6)`,
  string: (v) => `a text of ${v.value} characters (the limit is ${v.limit})`,
  array: (v) => `a list of ${v.value} items (the limit is ${v.limit})`,
  keys: (v) => `an object with ${v.value} keys (the limit is ${v.limit})`,
  values: (v) => `the document holds ${v.value} values (the limit is ${v.limit}); a graph has a few hundred`,
};

/** The violation as an issue: "where: what (limit)", e.g. "nodes[1].params.a.a...: nested 100000 levels". */
export function boundsIssue(v: BoundsViolation, at?: { line: number; column: number }): GraphIssue {
  const where = shortPath(v.path, v.depth);
  const pos = at ? ` (line ${at.line}, column ${at.column})` : '';
  return {
    path: formatPath(v.path.slice(0, 12)),
    message: `${where || 'the document'}${pos}: ${WHAT[v.kind](v)}; refused before reading further`,
  };
}

/** At most the first 8 and last 2 segments of a path, with how many were left out. */
function shortPath(path: Array<string | number>, depth: number): string {
  const shown = path.map((k) => (typeof k === 'string' && k.length > 40 ? `${k.slice(0, 37)}...` : k));
  if (depth <= 10 && shown.length === depth) return formatPath(shown);
  const head = formatPath(shown.slice(0, 8));
  return `${head}...(${depth} levels)`;
}

/** Checks JSON text (not yet parsed) against the limits in one pass; null when within them. */
export function checkTextBounds(
  text: string,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): { violation: BoundsViolation; offset: number } | null {
  const s = new TextScan(text, limits);
  return s.run();
}

interface Frame {
  array: boolean;
  count: number;
  /** object: a key is expected next; array: unused */
  expectKey: boolean;
  keyStart: number;
  keyEnd: number;
}

class TextScan {
  private readonly frames: Frame[] = []; // only up to maxDepth + 1; deeper levels are just counted
  private depth = 0;
  private values = 0;
  private found: { violation: BoundsViolation; offset: number } | null = null;
  private watchFrame: Frame | null = null; // the list/object whose final size we report
  constructor(
    private readonly t: string,
    private readonly lim: DocumentLimits,
  ) {}

  private path(): Array<string | number> {
    const out: Array<string | number> = [];
    for (const f of this.frames.slice(0, 12)) {
      if (f.array) out.push(Math.max(0, f.count - 1));
      else if (f.keyEnd === 0)
        break; // an object whose first key is not read yet
      else out.push(this.t.slice(f.keyStart + 1, f.keyEnd - 1));
    }
    return out;
  }

  private flag(kind: Kind, limit: number, value: number, offset: number): void {
    if (this.found) return;
    this.found = { violation: { kind, limit, value, path: this.path(), depth: this.depth }, offset };
  }

  /** A value starts at the current level: count it in its list, and against the total. */
  private valueStarts(offset: number): void {
    this.values++;
    if (this.values > this.lim.maxValues) this.flag('values', this.lim.maxValues, this.values, offset);
    const top = this.frames[this.depth - 1];
    if (top?.array && this.depth <= this.frames.length) {
      top.count++;
      if (top.count > this.lim.maxArrayItems && !this.found) {
        this.flag('array', this.lim.maxArrayItems, top.count, offset);
        this.watchFrame = top;
      }
    }
  }

  run(): { violation: BoundsViolation; offset: number } | null {
    const t = this.t;
    const n = t.length;
    let maxDepth = 0;
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        // a string: find its end, skipping escapes
        const start = i;
        i++;
        while (i < n && t.charCodeAt(i) !== 0x22) i += t.charCodeAt(i) === 0x5c ? 2 : 1;
        const len = i - start - 1;
        const top = this.frames[this.depth - 1];
        const isKey = top !== undefined && !top.array && top.expectKey && this.depth <= this.frames.length;
        if (isKey) {
          top.expectKey = false;
          top.keyStart = start;
          top.keyEnd = i + 1;
          top.count++;
          if (top.count > this.lim.maxObjectKeys && !this.found) {
            this.flag('keys', this.lim.maxObjectKeys, top.count, start);
            this.watchFrame = top;
          }
        } else this.valueStarts(start);
        if (len > this.lim.maxStringChars) this.flag('string', this.lim.maxStringChars, len, start);
      } else if (c === 0x7b || c === 0x5b) {
        this.valueStarts(i);
        this.depth++;
        if (this.depth > maxDepth) maxDepth = this.depth;
        if (this.depth <= this.lim.maxDepth + 1 && this.frames.length < this.depth) {
          this.frames.push({ array: c === 0x5b, count: 0, expectKey: c === 0x7b, keyStart: 0, keyEnd: 0 });
        }
        if (this.depth > this.lim.maxDepth) this.flag('depth', this.lim.maxDepth, this.depth, i);
      } else if (c === 0x7d || c === 0x5d) {
        if (this.depth > 0 && this.depth <= this.frames.length) {
          const f = this.frames.pop()!;
          if (f === this.watchFrame && this.found) this.found.violation.value = f.count;
        }
        if (this.depth > 0) this.depth--;
      } else if (c === 0x2c) {
        const top = this.frames[this.depth - 1];
        if (top && !top.array && this.depth <= this.frames.length) top.expectKey = true;
      } else if (c === 0x3a || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        // separators and whitespace
      } else {
        // a literal (number, true, false, null, or garbage JSON.parse will reject): one value
        this.valueStarts(i);
        while (i + 1 < n && !isDelimiter(t.charCodeAt(i + 1))) i++;
      }
    }
    if (this.found?.violation.kind === 'depth') this.found.violation.value = maxDepth;
    if (this.found?.violation.kind === 'values') this.found.violation.value = this.values;
    return this.found;
  }
}

function isDelimiter(c: number): boolean {
  return (
    c === 0x2c ||
    c === 0x5d ||
    c === 0x7d ||
    c === 0x3a ||
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09
  );
}

/** One step of the value walk: a value and how to name it (parent links; paths built only on failure). */
interface Visit {
  v: unknown;
  key: string | number | null;
  parent: Visit | null;
  depth: number;
}

/** The path of a visit, from the root. */
export function visitPath(visit: Visit): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: Visit | null = visit; p && p.key !== null; p = p.parent) out.push(p.key);
  return out.reverse();
}

/**
 * Checks a parsed value (which may come from code, not text, so it may even be cyclic: a cycle is
 * refused as too deep) against the limits in one iterative pass; null when within them.
 */
export function checkValueBounds(
  value: unknown,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): BoundsViolation | null {
  const stack: Visit[] = [{ v: value, key: null, parent: null, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { v, depth } = visit;
    values++;
    const fail = (kind: Kind, limit: number, found: number, at: Visit = visit): BoundsViolation => {
      const path = visitPath(at);
      return { kind, limit, value: found, path: path.slice(0, 12), depth: path.length };
    };
    if (values > limits.maxValues) return fail('values', limits.maxValues, values);
    if (typeof v === 'string' && v.length > limits.maxStringChars)
      return fail('string', limits.maxStringChars, v.length);
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limits.maxDepth) {
      // how deep it goes on: follow first children only, bounded by the value cap
      let d = depth + 1;
      let probe: unknown = v;
      while (typeof probe === 'object' && probe !== null && d < limits.maxValues) {
        const first = Array.isArray(probe) ? probe[0] : Object.values(probe)[0];
        if (typeof first !== 'object' || first === null) break;
        probe = first;
        d++;
      }
      return fail('depth', limits.maxDepth, d);
    }
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayItems) return fail('array', limits.maxArrayItems, v.length);
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], key: i, parent: visit, depth: depth + 1 });
    } else {
      const keys = Object.keys(v);
      if (keys.length > limits.maxObjectKeys) return fail('keys', limits.maxObjectKeys, keys.length);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        if (k.length > limits.maxStringChars) return fail('string', limits.maxStringChars, k.length);
        stack.push({ v: (v as Record<string, unknown>)[k], key: k, parent: visit, depth: depth + 1 });
      }
    }
  }
  return null;
}
