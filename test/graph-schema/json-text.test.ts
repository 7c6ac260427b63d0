import { describe, expect, it } from 'vitest';
import { MAX_GRAPH_TEXT_CHARS, parseGraphText, parseJsonText } from '../../graph-schema/index.ts';
import { findSyntaxError, lineColumn } from '../../graph-schema/json-text.ts';

const problem = (text: string): string => {
  const r = parseJsonText(text);
  return r.ok ? 'ok' : r.issue.message;
};

describe('parseJsonText', () => {
  it('gives line and column of a syntax error', () => {
    expect(problem('{\n  "a": 1,\n  "b": tru\n}')).toMatchInlineSnapshot(
      `"not valid JSON at line 3, column 8: expected a value (a number, "text", true, false, null, {...} or [...]), found "t""`,
    );
    expect(problem('{"nodes": [1, 2,]}')).toMatchInlineSnapshot(
      `"not valid JSON at line 1, column 17: expected a value (a number, "text", true, false, null, {...} or [...]), found "]""`,
    );
    expect(problem("{'a': 1}")).toMatchInlineSnapshot(
      `"not valid JSON at line 1, column 2: expected a key in double quotes, found "'""`,
    );
    expect(problem('{"a": 1} x')).toMatchInlineSnapshot(
      `"not valid JSON at line 1, column 10: expected the end of the document after the JSON value, found "x""`,
    );
    expect(problem('{"a": "no end')).toMatchInlineSnapshot(
      `"not valid JSON at line 1, column 14: a string that never ends (missing closing "), found the end of the text"`,
    );
    expect(problem('{"a" 1}')).toMatchInlineSnapshot(
      `"not valid JSON at line 1, column 6: expected ':' after the key, found "1""`,
    );
    expect(problem('[1 2]')).toMatchInlineSnapshot(
      `"not valid JSON at line 1, column 4: expected ',' or ']', found "2""`,
    );
  });

  it('finds the error JSON.parse found, for many broken texts', () => {
    // Whatever JSON.parse rejects, the scanner must report somewhere inside the text.
    for (const t of ['{', '[', '{"a":', '[1,', 'nul', '-', '01', '"\\x"', '{"a":1,}', '[]]', '\u0001']) {
      expect(() => JSON.parse(t)).toThrow();
      const { offset } = findSyntaxError(t);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(t.length);
    }
  });

  it('handles very deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000);
    // the bounds pass refuses it first; the syntax scanner itself must also survive it
    expect(problem(deep)).toContain('nested 200000 levels deep (the limit is 64');
    expect(findSyntaxError(deep).offset).toBe(200_000);
  });

  it('refuses empty text and text over the size cap before parsing', () => {
    expect(problem('')).toBe('the document is empty: a graph is a JSON object {...}');
    expect(problem(' \n ')).toBe('the document is empty: a graph is a JSON object {...}');
    const big = `"${'x'.repeat(MAX_GRAPH_TEXT_CHARS)}"`;
    expect(problem(big)).toMatchInlineSnapshot(
      `"the document is 5.0 MB, over the 5 MB limit for a graph: a graph file holds the design, not data"`,
    );
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('parseGraphText never throws on garbage text', () => {
    for (const t of [
      '',
      'null',
      '42',
      '"x"',
      '[]',
      '{}',
      '{"format":"backprop-studio.graph","version":1}',
      '\uFEFF{}',
    ]) {
      const r = parseGraphText(t);
      expect(r.ok).toBe(false);
    }
  });
});
