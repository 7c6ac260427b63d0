// Reading a data file with its size cap enforced WHILE reading: the file is streamed and reading stops
// at the cap, so a 600 MB file costs the cap, not 600 MB (and never "Invalid string length").
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export type CappedRead = { ok: true; text: string } | { ok: false; tooLarge: boolean; message: string };

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(n >= 1024 ** 2 * 10 ? 0 : 1)} MB`;

/** The UTF-8 text of `path` (byte-order mark dropped), or why not; at most `maxBytes` are read. */
export async function readCappedText(path: string, maxBytes: number): Promise<CappedRead> {
  const tooLarge = (size: string): CappedRead => ({
    ok: false,
    tooLarge: true,
    message: `${path} is ${size}, over the ${mb(maxBytes)} limit for a data file: use a smaller sample`,
  });
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return { ok: false, tooLarge: false, message: `cannot read ${path}: it is a directory` };
    if (info.isFile() && info.size > maxBytes) return tooLarge(mb(info.size));
  } catch (e) {
    return { ok: false, tooLarge: false, message: unreadable(path, e) };
  }
  // the size can change (or be unknown for a pipe): count while reading as well
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => {
      const buf = chunk as Buffer;
      bytes += buf.length;
      if (bytes > maxBytes) {
        stream.destroy();
        chunks.length = 0;
        resolve(tooLarge(`more than ${mb(maxBytes)}`));
        return;
      }
      chunks.push(buf);
    });
    stream.on('error', (e) => resolve({ ok: false, tooLarge: false, message: unreadable(path, e) }));
    stream.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
    });
  });
}

function unreadable(path: string, e: unknown): string {
  const code = (e as { code?: string }).code;
  const why =
    code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return `cannot read the data file ${path}: ${why}`;
}
