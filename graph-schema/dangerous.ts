// Keys that could reach Object.prototype when a document is merged or copied somewhere downstream
// (prototype pollution). They are refused anywhere in a document, however deep.
import { formatPath, type GraphIssue } from './issues.ts';

/** Keys refused anywhere in a graph (they could poison prototypes). */
export const DANGEROUS_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Every dangerous key in a parsed JSON value; an explicit stack, so depth cannot overflow. */
export function findDangerousKeys(value: unknown, limit = 20): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const stack: Array<{ v: unknown; path: Array<string | number> }> = [{ v: value, path: [] }];
  while (stack.length > 0 && issues.length < limit) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    // Object.keys sees an own "__proto__" made by JSON.parse (it is a data property there)
    for (const key of Object.keys(v)) {
      const p = [...path, key];
      if (DANGEROUS_KEYS.has(key)) {
        issues.push({
          path: formatPath(p),
          message: `${formatPath(p)}: the key "${key}" is not allowed anywhere in a graph (it can be used to attack programs that read the file)`,
        });
      } else stack.push({ v: (v as Record<string, unknown>)[key], path: p });
    }
  }
  return issues;
}
