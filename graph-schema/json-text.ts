// From text to a JSON value: a size cap and the document bounds (depth, string and list lengths)
// checked in one linear pass before any parsing, then JSON.parse, and on a syntax error a line and
// column a student can find in their editor.
import { boundsIssue, checkTextBounds } from './bounds.ts';
import type { GraphIssue } from './issues.ts';
import { DOCUMENT_LIMITS } from './limits.ts';

/** Largest graph document accepted, in characters of text (a real graph is a few kB). */
export const MAX_GRAPH_TEXT_CHARS = DOCUMENT_LIMITS.maxTextChars;

/** The issue for a document over the size cap; `size` in bytes or characters. */
export function tooLargeIssue(size: number): GraphIssue {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return {
    path: '',
    message: `the document is ${mb} MB, over the 5 MB limit for a graph: a graph file holds the design, not data`,
  };
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; issue: GraphIssue };

/** Parses JSON text with the size cap; never throws. */
export function parseJsonText(text: string): JsonTextResult {
  if (typeof text !== 'string')
    return { ok: false, issue: { path: '', message: 'the document must be text' } };
  if (text.length > MAX_GRAPH_TEXT_CHARS) return { ok: false, issue: tooLargeIssue(text.length) };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark some editors write
  if (text.trim() === '') {
    return {
      ok: false,
      issue: { path: '', message: 'the document is empty: a graph is a JSON object {...}' },
    };
  }
  const bounds = checkTextBounds(text);
  if (bounds) return { ok: false, issue: boundsIssue(bounds.violation, lineColumn(text, bounds.offset)) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, problem } = findSyntaxError(text);
    const { line, column } = lineColumn(text, offset);
    return {
      ok: false,
      issue: { path: '', message: `not valid JSON at line ${line}, column ${column}: ${problem}` },
    };
  }
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// Node 20's JSON.parse messages only sometimes carry a position, so we find the first syntax error
// ourselves. This scanner is only run after JSON.parse failed; it checks grammar, builds nothing,
// and uses an explicit stack so deeply nested input cannot overflow the call stack.
type Frame = 'object' | 'array';

/** Offset and description of the first JSON syntax error in `text`. */
export function findSyntaxError(text: string): { offset: number; problem: string } {
  const s = new Scanner(text);
  return s.run();
}

class Scanner {
  private i = 0;
  private readonly stack: Frame[] = [];
  constructor(private readonly t: string) {}

  private ws(): void {
    while (this.i < this.t.length && ' \t\n\r'.includes(this.t[this.i])) this.i++;
  }
  private fail(problem: string): { offset: number; problem: string } {
    const found = this.i >= this.t.length ? 'the end of the text' : JSON.stringify(this.t[this.i]);
    return { offset: Math.min(this.i, this.t.length), problem: `${problem}, found ${found}` };
  }

  run(): { offset: number; problem: string } {
    let expectValue = true;
    for (;;) {
      this.ws();
      // a container's first member is itself a value: keep reading until a scalar or an empty one
      while (expectValue) {
        const r = this.value();
        if (r === 'opened') this.ws();
        else if (r !== null) return r;
        else expectValue = false;
      }
      this.ws();
      const top = this.stack[this.stack.length - 1];
      if (top === undefined) {
        if (this.i < this.t.length) return this.fail('expected the end of the document after the JSON value');
        return { offset: this.i, problem: 'the JSON is not valid' };
      }
      const c = this.t[this.i];
      const close = top === 'object' ? '}' : ']';
      if (c === close) {
        this.i++;
        this.stack.pop();
        expectValue = false;
      } else if (c === ',') {
        this.i++;
        this.ws();
        if (top === 'object') {
          const err = this.key();
          if (err) return err;
        }
        expectValue = true;
      } else {
        return this.fail(`expected ',' or '${close}'`);
      }
    }
  }

  /** Reads one value; a non-empty container is pushed ('opened') and its first key read. */
  private value(): { offset: number; problem: string } | null | 'opened' {
    const c = this.t[this.i];
    if (c === '{' || c === '[') {
      this.i++;
      this.ws();
      const close = c === '{' ? '}' : ']';
      if (this.t[this.i] === close) {
        this.i++;
        return null;
      }
      this.stack.push(c === '{' ? 'object' : 'array');
      if (c === '{') {
        const err = this.key();
        if (err) return err;
      }
      return 'opened';
    }
    if (c === '"') return this.string();
    for (const word of ['true', 'false', 'null']) {
      if (this.t.startsWith(word, this.i)) {
        this.i += word.length;
        return null;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.t.slice(this.i, this.i + 400));
    if (m && m[0] !== '' && m[0] !== '-') {
      this.i += m[0].length;
      return null;
    }
    return this.fail('expected a value (a number, "text", true, false, null, {...} or [...])');
  }

  private key(): { offset: number; problem: string } | null {
    if (this.t[this.i] !== '"') return this.fail('expected a key in double quotes');
    const err = this.string();
    if (err) return err;
    this.ws();
    if (this.t[this.i] !== ':') return this.fail("expected ':' after the key");
    this.i++;
    return null;
  }

  private string(): { offset: number; problem: string } | null {
    this.i++; // opening quote
    while (this.i < this.t.length) {
      const c = this.t[this.i];
      if (c === '"') {
        this.i++;
        return null;
      }
      if (c === '\\') {
        const n = this.t[this.i + 1];
        if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(this.t.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if (n !== undefined && '"\\/bfnrt'.includes(n)) this.i += 2;
        else return this.fail('bad escape in a string');
      } else if (c.charCodeAt(0) < 0x20) {
        return this.fail('a control character (such as a line break) inside a string');
      } else this.i++;
    }
    return this.fail('a string that never ends (missing closing ")');
  }
}
