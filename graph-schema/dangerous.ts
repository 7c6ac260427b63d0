// Keys that could reach Object.prototype when a document is merged or copied somewhere downstream
// (prototype pollution). They are refused anywhere in a document, however deep.
import { visitPath } from './bounds.ts';
import { formatPath, type GraphIssue } from './issues.ts';

/** Keys refused anywhere in a graph (they could poison prototypes). */
export const DANGEROUS_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Visit {
  v: unknown;
  key: string | number | null;
  parent: Visit | null;
  depth: number;
}

/**
 * Every dangerous key in a parsed JSON value. An explicit stack with parent links: each value is
 * visited once and a path is only built for a key that is reported, so the walk is linear in size.
 */
export function findDangerousKeys(value: unknown, limit = 20): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const stack: Visit[] = [{ v: value, key: null, parent: null, depth: 0 }];
  while (stack.length > 0 && issues.length < limit) {
    const visit = stack.pop()!;
    const v = visit.v;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: visit, depth: 0 });
      continue;
    }
    // Object.keys sees an own "__proto__" made by JSON.parse (it is a data property there)
    for (const key of Object.keys(v)) {
      const child: Visit = { v: (v as Record<string, unknown>)[key], key, parent: visit, depth: 0 };
      if (DANGEROUS_KEYS.has(key)) {
        const p = formatPath(visitPath(child));
        issues.push({
          path: p,
          message: `${p}: the key "${key}" is not allowed anywhere in a graph (it can be used to attack programs that read the file)`,
        });
      } else stack.push(child);
    }
  }
  return issues;
}
