// An RFC 4180 CSV reader that remembers where every field starts, so errors can point at a line and
// column. Quoted fields may hold commas, doubled quotes ("") and newlines; a quote inside an
// unquoted field is taken literally (as spreadsheets write it). Never throws.
import type { DataError } from './types.ts';

/** One record (row) and where each of its fields starts (1-based). */
export interface CsvRecord {
  fields: string[];
  /** line and column where each field starts */
  lines: number[];
  columns: number[];
  /** line and column just after the record's last character (for "missing field" errors) */
  endLine: number;
  endColumn: number;
}

/** Largest upload we parse, in characters (about 10 MB of text). */
export const MAX_UPLOAD_CHARS = 10_000_000;

/** Splits CSV text into records; blank lines are skipped. */
export function readCsv(text: string): { ok: true; records: CsvRecord[] } | { ok: false; error: DataError } {
  if (text.length > MAX_UPLOAD_CHARS) {
    return {
      ok: false,
      error: { message: `the file has ${text.length} characters; the limit is ${MAX_UPLOAD_CHARS}` },
    };
  }
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte-order mark
  const r = new Reader(src);
  const records: CsvRecord[] = [];
  while (!r.done()) {
    const rec = r.record();
    if ('message' in rec) return { ok: false, error: rec };
    if (!(rec.fields.length === 1 && rec.fields[0] === '')) records.push(rec);
  }
  return { ok: true, records };
}

class Reader {
  private i = 0;
  private line = 1;
  private col = 1;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  /** Reads one record, consuming its line ending. */
  record(): CsvRecord | DataError {
    const rec: CsvRecord = { fields: [], lines: [], columns: [], endLine: 0, endColumn: 0 };
    for (;;) {
      rec.lines.push(this.line);
      rec.columns.push(this.col);
      const field = this.s[this.i] === '"' ? this.quoted() : this.unquoted();
      if (typeof field !== 'string') return field;
      rec.fields.push(field);
      rec.endLine = this.line;
      rec.endColumn = this.col;
      const c = this.s[this.i];
      if (c === ',') {
        this.advance(1);
        continue;
      }
      if (c === '\r' || c === '\n') this.newline();
      return rec;
    }
  }

  private unquoted(): string {
    const start = this.i;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === ',' || c === '\n' || c === '\r') break;
      this.i++;
    }
    this.col += this.i - start;
    return this.s.slice(start, this.i);
  }

  private quoted(): string | DataError {
    const line = this.line;
    const column = this.col;
    this.advance(1);
    let out = '';
    let start = this.i;
    for (;;) {
      if (this.i >= this.s.length) {
        return { message: 'this quoted field never ends: a closing " is missing', line, column };
      }
      const c = this.s[this.i];
      if (c === '"') {
        out += this.s.slice(start, this.i);
        if (this.s[this.i + 1] === '"') {
          out += '"';
          this.advance(2);
          start = this.i;
          continue;
        }
        this.advance(1);
        break;
      }
      if (c === '\r' || c === '\n') {
        out += this.s.slice(start, this.i) + '\n';
        this.newline();
        start = this.i;
        continue;
      }
      this.advance(1);
    }
    const next = this.s[this.i];
    if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
      return {
        message: `unexpected ${JSON.stringify(next)} after a closing quote: a quoted field must end at a comma or the end of the line (write "" for a quote inside quotes)`,
        line: this.line,
        column: this.col,
      };
    }
    return out;
  }

  private advance(k: number): void {
    this.i += k;
    this.col += k;
  }

  /** Consumes \n, \r\n or \r as one line break. */
  private newline(): void {
    this.i += this.s[this.i] === '\r' && this.s[this.i + 1] === '\n' ? 2 : 1;
    this.line++;
    this.col = 1;
  }
}
