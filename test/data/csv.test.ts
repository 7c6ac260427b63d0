import { describe, expect, it } from 'vitest';
import { readCsv } from '../../engine/data/index.ts';

function fields(text: string): string[][] {
  const r = readCsv(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.records.map((rec) => rec.fields);
}

describe('readCsv (RFC 4180)', () => {
  it('splits plain rows; a trailing newline adds no row; blank lines are skipped', () => {
    expect(fields('a,b\n1,2\n\n3,4\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(fields('"hello, world",spam\n"she said ""hi""",ham\n"two\nlines",x')).toEqual([
      ['hello, world', 'spam'],
      ['she said "hi"', 'ham'],
      ['two\nlines', 'x'],
    ]);
  });

  it('handles CRLF and CR line endings and a byte-order mark', () => {
    expect(fields('\ufeffa,b\r\n1,2\r3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(fields('5\'10" tall,ham')).toEqual([['5\'10" tall', 'ham']]);
  });

  it('records the line and column where each field starts, across quoted newlines', () => {
    const r = readCsv('x,y\n"a\nb",cc,d\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rec = r.records[1];
    expect(rec.lines).toEqual([2, 3, 3]);
    expect(rec.columns).toEqual([1, 4, 7]);
    expect([rec.endLine, rec.endColumn]).toEqual([3, 8]);
  });

  it('reports an unterminated quote where the quote opened', () => {
    expect(readCsv('a,b\n1,"never\nclosed\n')).toEqual({
      ok: false,
      error: { message: 'this quoted field never ends: a closing " is missing', line: 2, column: 3 },
    });
  });

  it('reports text after a closing quote at its line and column', () => {
    const r = readCsv('a,b\n"x"y,1\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.line, r.error.column]).toEqual([2, 4]);
    expect(r.error.message).toMatch(/^unexpected "y" after a closing quote/);
  });
});
