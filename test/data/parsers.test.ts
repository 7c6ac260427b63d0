import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseTextCorpus, parseTextLabelCsv } from '../../engine/data/index.ts';

describe('parseCsv (numeric features + label)', () => {
  it('reads a header, features and string labels (last column by default)', () => {
    const r = parseCsv('x1,x2,species\n1.5,2,setosa\n-3e-1,.5,virginica\n');
    expect(r).toMatchObject({
      ok: true,
      featureNames: ['x1', 'x2'],
      labelName: 'species',
      rows: 2,
      width: 2,
    });
    if (!r.ok) return;
    expect(Array.from(r.features)).toEqual([1.5, 2, Math.fround(-0.3), 0.5]);
    expect(r.labels).toEqual(['setosa', 'virginica']);
  });

  it('detects a file without a header', () => {
    const r = parseCsv('1,2,0\n3,4,1\n');
    expect(r).toMatchObject({
      ok: true,
      rows: 2,
      featureNames: ['column 1', 'column 2'],
      labelName: 'column 3',
    });
  });

  it('takes the label column by name or by number', () => {
    const byName = parseCsv('y,a,b\n1,2,3\n', { label: 'y' });
    expect(byName).toMatchObject({ ok: true, featureNames: ['a', 'b'], labels: ['1'] });
    const byNumber = parseCsv('1,2,3\n', { label: 2, header: false });
    expect(byNumber).toMatchObject({ ok: true, labels: ['2'] });
    if (byNumber.ok) expect(Array.from(byNumber.features)).toEqual([1, 3]);
    expect(parseCsv('a,b\n1,2\n', { label: 'z' })).toEqual({
      ok: false,
      error: { message: 'no column is named "z"; the columns are a, b', line: 1, column: 1 },
    });
  });

  it('a ragged row with too few fields: its line, and the column where it ends', () => {
    expect(parseCsv('a,b,c\n1,2,3\n4,5\n')).toEqual({
      ok: false,
      error: { message: 'this row has 2 fields but line 1 has 3', line: 3, column: 4 },
    });
  });

  it('a ragged row with too many fields: the line and column of the first extra field', () => {
    expect(parseCsv('a,b\n1,2\n3,4,55\n')).toEqual({
      ok: false,
      error: { message: 'this row has 3 fields but line 1 has 2', line: 3, column: 5 },
    });
  });

  it('a non-numeric feature cell: its line and column', () => {
    expect(parseCsv('a,b,label\n1,2,x\n3,four,y\n')).toEqual({
      ok: false,
      error: { message: '"four" in column "b" is not a number', line: 3, column: 3 },
    });
    expect(parseCsv('a,b,label\n1,,x\n')).toEqual({
      ok: false,
      error: { message: 'an empty cell in column "b" is not a number', line: 2, column: 3 },
    });
  });

  it('refuses numbers that JavaScript would quietly accept', () => {
    for (const cell of ['0x10', 'NaN', 'Infinity', '1,5', '1_000']) {
      const r = parseCsv(`a,label\n"${cell}",1\n`);
      expect(r.ok, cell).toBe(false);
    }
  });

  it('refuses a number too large for float32 rather than storing Infinity', () => {
    expect(parseCsv('a,label\n1e39,1\n')).toEqual({
      ok: false,
      error: {
        message: '1e39 in column "a" is too large for float32 (max about 3.4e38)',
        line: 2,
        column: 1,
      },
    });
  });

  it('an empty file, a header without rows, a single column', () => {
    expect(parseCsv('')).toEqual({
      ok: false,
      error: {
        message: 'the file is empty: expected rows of numbers separated by commas',
        line: 1,
        column: 1,
      },
    });
    expect(parseCsv('\n\n')).toMatchObject({ ok: false, error: { line: 1, column: 1 } });
    expect(parseCsv('a,b\n')).toMatchObject({
      ok: false,
      error: { message: 'the file has a header but no data rows', line: 2 },
    });
    expect(parseCsv('1\n2\n')).toMatchObject({ ok: false, error: { line: 1 } });
  });

  it('an unterminated quote is an error, not a partial load', () => {
    expect(parseCsv('a,b\n1,2\n3,"4\n')).toMatchObject({ ok: false, error: { line: 3, column: 3 } });
  });
});

describe('parseTextCorpus', () => {
  it('normalizes line endings', () => {
    expect(parseTextCorpus('one\r\ntwo\rthree')).toEqual({ ok: true, text: 'one\ntwo\nthree' });
  });

  it('refuses an empty or whitespace-only file', () => {
    expect(parseTextCorpus('')).toEqual({
      ok: false,
      error: { message: 'the file is empty: a language model needs some text', line: 1, column: 1 },
    });
    expect(parseTextCorpus(' \n\t\n').ok).toBe(false);
  });

  it('refuses a binary file at the NUL character', () => {
    expect(parseTextCorpus('ab\ncd\u0000e')).toMatchObject({ ok: false, error: { line: 2, column: 3 } });
  });
});

describe('parseTextLabelCsv', () => {
  it('reads text,label rows with quoted commas and newlines; detects the header', () => {
    expect(parseTextLabelCsv('text,label\n"win money, now",spam\n"see you\ntomorrow",ham\n')).toEqual({
      ok: true,
      texts: ['win money, now', 'see you\ntomorrow'],
      labels: ['spam', 'ham'],
    });
    expect(parseTextLabelCsv('hello,pos\n')).toEqual({ ok: true, texts: ['hello'], labels: ['pos'] });
  });

  it('a row with an unquoted comma: the line and column of the extra field', () => {
    expect(parseTextLabelCsv('text,label\nhi there,ham\nhello, world,spam\n')).toEqual({
      ok: false,
      error: {
        message:
          'this row has 3 fields; each row must be text,label (put a text that contains commas in double quotes)',
        line: 3,
        column: 14,
      },
    });
  });

  it('a row without a label, and an empty label', () => {
    expect(parseTextLabelCsv('just text\n')).toMatchObject({ ok: false, error: { line: 1, column: 10 } });
    expect(parseTextLabelCsv('a,x\nb, \n')).toEqual({
      ok: false,
      error: { message: 'the label is empty', line: 2, column: 3 },
    });
  });

  it('an unterminated quote, an empty file', () => {
    expect(parseTextLabelCsv('"oops,ham\n')).toMatchObject({ ok: false, error: { line: 1, column: 1 } });
    expect(parseTextLabelCsv('')).toMatchObject({ ok: false, error: { line: 1, column: 1 } });
  });
});

describe('parsers never throw', () => {
  const csvish = fc.string({
    unit: fc.constantFrom('a', '1', '.', ',', '"', '\n', '\r', ' ', '-', 'e', '\u0000'),
  });
  it('on random strings, each returns ok or an error with a message (line/column 1-based)', () => {
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string()), (s) => {
        for (const r of [parseCsv(s), parseTextLabelCsv(s), parseTextCorpus(s)]) {
          if (r.ok) continue;
          expect(r.error.message.length).toBeGreaterThan(0);
          if (r.error.line !== undefined) expect(r.error.line).toBeGreaterThanOrEqual(1);
          if (r.error.column !== undefined) expect(r.error.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a numeric CSV that parses has exactly rows x width finite features', () => {
    fc.assert(
      fc.property(csvish, (s) => {
        const r = parseCsv(s);
        if (!r.ok) return;
        expect(r.features.length).toBe(r.rows * r.width);
        expect(r.labels.length).toBe(r.rows);
        for (const v of r.features) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
