// Reading a graph file for a command: the file-system failures a student meets (missing file,
// a directory, no permission, a huge file) become one clear sentence and the right exit code.
import { readFile, stat } from 'node:fs/promises';
import { MAX_GRAPH_TEXT_CHARS, tooLargeIssue } from '../graph-schema/json-text.ts';
import { EXIT } from './command.ts';

/** The file's text, or why it could not be read (exit 2) or is refused unread (exit 1, too large). */
export type ReadGraphResult = { ok: true; text: string } | { ok: false; code: 1 | 2; message: string };

/** Reads `file` as UTF-8 text (a leading byte-order mark dropped); never throws. */
export async function readGraphFile(file: string): Promise<ReadGraphResult> {
  const unreadable = (why: string): ReadGraphResult => ({
    ok: false,
    code: EXIT.usage,
    message: `cannot read ${file}: ${why}`,
  });
  try {
    const info = await stat(file);
    if (info.isDirectory()) return unreadable('it is a directory, not a graph file');
    if (!info.isFile()) return unreadable('it is not a regular file');
    // checked before reading: a 50 MB file is refused without loading it
    if (info.size > MAX_GRAPH_TEXT_CHARS)
      return { ok: false, code: EXIT.invalid, message: tooLargeIssue(info.size).message };
    const text = await readFile(file, 'utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return unreadable('no such file');
    if (code === 'EACCES' || code === 'EPERM') return unreadable('permission denied');
    if (code === 'EISDIR') return unreadable('it is a directory, not a graph file');
    return unreadable((e as Error).message);
  }
}
