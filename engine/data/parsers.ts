// Parsers for user data: numeric CSV, plain text, and text,label CSV. Pure functions: they return
// the parsed rows or the first error with its 1-based line and column, never a partial result,
// and never throw.
import { type CsvRecord, MAX_UPLOAD_CHARS, readCsv } from './csv.ts';
import type { DataError } from './types.ts';

/** A parse outcome: the value, or the first error (where it is in the file). */
export type ParseResult<T> = ({ ok: true } & T) | { ok: false; error: DataError };

/** Whether the first row is a header: 'auto' guesses (see each parser). */
export type HeaderOption = boolean | 'auto';

/** Numeric CSV options: which column is the label (header name or 1-based index; default the last). */
export interface CsvOptions {
  label?: string | number;
  header?: HeaderOption;
}

/** A parsed numeric CSV: features row-major [rows, width], labels as written (strings). */
export interface NumericCsv {
  featureNames: string[];
  labelName: string;
  rows: number;
  width: number;
  features: Float32Array;
  labels: string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a number cell strictly ("1e-3" yes; "", "0x10", "1,5", "NaN" no). */
export function parseNumber(cell: string): number | null {
  const s = cell.trim();
  return NUMBER.test(s) ? Number(s) : null;
}

const fail = (message: string, line?: number, column?: number): { ok: false; error: DataError } => ({
  ok: false,
  error: { message, line, column },
});

/** Numeric feature columns + one label column. 'auto' header: the first row is a header when none of its cells is a number. */
export function parseCsv(text: string, options: CsvOptions = {}): ParseResult<NumericCsv> {
  const read = readCsv(text);
  if (!read.ok) return read;
  const records = read.records;
  if (records.length === 0)
    return fail('the file is empty: expected rows of numbers separated by commas', 1, 1);
  const first = records[0];
  const header = options.header ?? 'auto';
  const hasHeader = header === 'auto' ? first.fields.every((f) => parseNumber(f) === null) : header;
  const width = first.fields.length;
  if (width < 2) {
    return fail(
      `line ${first.lines[0]} has 1 column; a CSV dataset needs feature columns and a label column`,
      first.lines[0],
      1,
    );
  }
  const names = hasHeader ? first.fields.map((f) => f.trim()) : first.fields.map((_, j) => `column ${j + 1}`);
  const labelCol = labelColumn(options.label, names, hasHeader);
  if (typeof labelCol === 'string') return fail(labelCol, first.lines[0], 1);
  const data = records.slice(hasHeader ? 1 : 0);
  if (data.length === 0) return fail('the file has a header but no data rows', first.endLine + 1, 1);
  const features = new Float32Array(data.length * (width - 1));
  const labels: string[] = [];
  for (let r = 0; r < data.length; r++) {
    const rec = data[r];
    const shape = checkWidth(rec, width, first.lines[0]);
    if (shape) return { ok: false, error: shape };
    let k = 0;
    for (let j = 0; j < width; j++) {
      const cell = rec.fields[j];
      if (j === labelCol) {
        if (cell.trim() === '') return fail(`the label (${names[j]}) is empty`, rec.lines[j], rec.columns[j]);
        labels.push(cell.trim());
        continue;
      }
      const v = parseNumber(cell);
      if (v === null) {
        const what = cell.trim() === '' ? 'an empty cell' : JSON.stringify(cell);
        return fail(`${what} in column "${names[j]}" is not a number`, rec.lines[j], rec.columns[j]);
      }
      if (!Number.isFinite(Math.fround(v))) {
        return fail(
          `${cell.trim()} in column "${names[j]}" is too large for float32 (max about 3.4e38)`,
          rec.lines[j],
          rec.columns[j],
        );
      }
      features[r * (width - 1) + k++] = v;
    }
  }
  const featureNames = names.filter((_, j) => j !== labelCol);
  return {
    ok: true,
    featureNames,
    labelName: names[labelCol],
    rows: data.length,
    width: width - 1,
    features,
    labels,
  };
}

/** The label column index, or an error message. */
function labelColumn(
  label: string | number | undefined,
  names: string[],
  hasHeader: boolean,
): number | string {
  if (label === undefined) return names.length - 1;
  if (typeof label === 'number') {
    if (Number.isInteger(label) && label >= 1 && label <= names.length) return label - 1;
    return `label column ${label} does not exist: the file has columns 1 to ${names.length}`;
  }
  if (!hasHeader)
    return `the label column is named "${label}" but the file has no header row; give its number instead`;
  const j = names.indexOf(label);
  return j >= 0 ? j : `no column is named "${label}"; the columns are ${names.join(', ')}`;
}

/** A ragged-row error (too many or too few fields), pointing at the first extra field or the row's end. */
function checkWidth(rec: CsvRecord, width: number, firstLine: number): DataError | null {
  const got = rec.fields.length;
  if (got === width) return null;
  const message = `this row has ${got} field${got === 1 ? '' : 's'} but line ${firstLine} has ${width}`;
  if (got > width) return { message, line: rec.lines[width], column: rec.columns[width] };
  return { message, line: rec.endLine, column: rec.endColumn };
}

/** A plain text for character language modelling (line endings normalized to \n). */
export interface TextCorpus {
  text: string;
}

/** Plain text: refuses empty or whitespace-only text and binary files (a NUL character). */
export function parseTextCorpus(text: string): ParseResult<TextCorpus> {
  if (text.length > MAX_UPLOAD_CHARS)
    return fail(`the file has ${text.length} characters; the limit is ${MAX_UPLOAD_CHARS}`);
  const src = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  const nul = src.indexOf('\u0000');
  if (nul >= 0) {
    const before = src.slice(0, nul);
    const line = before.split('\n').length;
    return fail(
      'this looks like a binary file (it contains a NUL character), not plain text',
      line,
      nul - before.lastIndexOf('\n'),
    );
  }
  if (src.trim() === '') return fail('the file is empty: a language model needs some text', 1, 1);
  return { ok: true, text: src };
}

/** Labelled texts from a text,label CSV. */
export interface TextLabelCsv {
  texts: string[];
  labels: string[];
}

const HEADER_WORDS = new Set(['label', 'labels', 'class', 'category', 'target', 'y', 'sentiment']);

/**
 * Two columns, text then label (quote texts that hold commas). 'auto' header: the first row is a
 * header when its label cell is a header word such as "label" or "class".
 */
export function parseTextLabelCsv(
  text: string,
  options: { header?: HeaderOption } = {},
): ParseResult<TextLabelCsv> {
  const read = readCsv(text);
  if (!read.ok) return read;
  const records = read.records;
  if (records.length === 0) return fail('the file is empty: expected rows of text,label', 1, 1);
  const first = records[0];
  const header = options.header ?? 'auto';
  const hasHeader =
    header === 'auto' ? HEADER_WORDS.has((first.fields[1] ?? '').trim().toLowerCase()) : header;
  const data = records.slice(hasHeader ? 1 : 0);
  if (data.length === 0) return fail('the file has a header but no data rows', first.endLine + 1, 1);
  const texts: string[] = [];
  const labels: string[] = [];
  for (const rec of data) {
    if (rec.fields.length !== 2) {
      const extra = rec.fields.length > 2;
      return fail(
        `this row has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}; each row must be text,label` +
          (extra ? ' (put a text that contains commas in double quotes)' : ''),
        extra ? rec.lines[2] : rec.endLine,
        extra ? rec.columns[2] : rec.endColumn,
      );
    }
    if (rec.fields[1].trim() === '') return fail('the label is empty', rec.lines[1], rec.columns[1]);
    texts.push(rec.fields[0]);
    labels.push(rec.fields[1].trim());
  }
  return { ok: true, texts, labels };
}
