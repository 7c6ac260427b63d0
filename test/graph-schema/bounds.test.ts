// The bounds pass: every limit of DOCUMENT_LIMITS refused with the limit, the value and the place,
// in text (before JSON.parse) and in parsed values (before any recursive walk), and both linear.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkTextBounds,
  checkValueBounds,
  DOCUMENT_LIMITS,
  parseGraphText,
  validateGraph,
} from '../../graph-schema/index.ts';
import { findDangerousKeys } from '../../graph-schema/dangerous.ts';

const hostile = (name: string) =>
  readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url), 'utf8');
const messages = (text: string) => {
  const r = parseGraphText(text);
  return r.ok ? [] : r.issues.map((i) => i.message);
};
const graphWith = (params: string) =>
  `{"format":"backprop-studio.graph","version":1,"nodes":[{"id":"in","type":"Input","params":{"shape":[2]}},{"id":"d","type":"Dense","params":${params}}],"edges":[{"id":"e","source":"in","target":"d"}]}`;

describe('text bounds', () => {
  it('refuses the 100,000-deep unknown key naming depth, limit and place', () => {
    const m = messages(hostile('deep-unknown-key-depth100000.json'));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatch(/^nodes\[1\]\.params\.extra\[0\]\[0\]/);
    expect(m[0]).toContain('nested 100004 levels deep (the limit is 64');
    expect(m[0]).toMatch(/line 1, column \d+/);
  });

  it('refuses the 5,000-deep position as bad input, not an internal error', () => {
    const r = parseGraphText(hostile('cli-deep-position-internal-error.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].internal).toBeUndefined();
    expect(r.issues[0].message).toContain('nodes[1].position');
    expect(r.issues[0].message).toContain('levels deep (the limit is 64');
  });

  it('refuses a long string, a long list and an object with too many keys, with their sizes', () => {
    const long = 'x'.repeat(DOCUMENT_LIMITS.maxStringChars + 1);
    expect(messages(graphWith(`{"units":2,"note":"${long}"}`))[0]).toMatchInlineSnapshot(
      `"nodes[1].params.note (line 1, column 158): a text of 100001 characters (the limit is 100000); refused before reading further"`,
    );
    const list = Array.from({ length: 12_345 }, () => 0).join(',');
    expect(messages(graphWith(`{"units":2,"w":[${list}]}`))[0]).toMatchInlineSnapshot(
      `"nodes[1].params.w[10000] (line 1, column 20156): a list of 12345 items (the limit is 10000); refused before reading further"`,
    );
    const keys = Array.from({ length: 10_001 }, (_, i) => `"k${i}":1`).join(',');
    expect(messages(graphWith(`{"units":2,"o":{${keys}}}`))[0]).toContain(
      'an object with 10001 keys (the limit is 10000)',
    );
  });

  it('refuses a document with too many values overall', () => {
    const row = Array.from({ length: 9000 }, () => '1').join(',');
    const rows = Array.from({ length: 60 }, () => `[${row}]`).join(',');
    expect(messages(graphWith(`{"units":2,"rows":[${rows}]}`))[0]).toContain(
      'the document holds 540081 values (the limit is 500000)',
    );
  });

  it('lets a real graph through and ignores brackets inside strings', () => {
    expect(checkTextBounds(graphWith('{"units":2,"s":"[[[[{{{{\\"]]]"}'))).toBeNull();
    expect(checkTextBounds('[[[[]]]]')).toBeNull();
  });
});

describe('value bounds', () => {
  it('refuses a deep or cyclic value from code with the depth it reached', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const v = checkValueBounds({ nodes: deep });
    expect(v?.kind).toBe('depth');
    expect(v?.value).toBe(100_001);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkValueBounds(cyclic)?.kind).toBe('depth');
    const r = validateGraph({ format: 'backprop-studio.graph', version: 1, nodes: deep, edges: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].message).toMatch(/^nodes\.a\.a\.a.*nested 100001 levels deep/);
  });

  it('is linear: depth 4x costs about 4x, not 16x (counted in visits, not time)', () => {
    // the dangerous-key walk copied its path at every level; now it builds a path only when it reports
    const chain = (n: number) => {
      let v: unknown = { __proto_x: 1 };
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    // 200,000 levels would take minutes with a quadratic walk; under a bounded pass it is refused
    // and the dangerous-key walk (run only on bounded documents in validation) still finishes.
    expect(findDangerousKeys(chain(200_000))).toEqual([]);
    const bad = JSON.parse('[[[[{"a":[{"__proto__":1}]}]]]]');
    expect(findDangerousKeys(bad)[0].path).toBe('[0][0][0][0].a[0].__proto__');
  });
});
