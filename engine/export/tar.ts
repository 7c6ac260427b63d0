// A POSIX ustar archive of a few files, written by hand (512-byte headers, data padded to 512, two
// zero blocks at the end): how the app hands over an exported dataset folder as ONE download.
// `tar xf`, Python's tarfile and Windows' built-in tar read it. Pure: bytes out.

export interface TarEntry {
  /** path inside the archive, ASCII, at most 100 characters */
  name: string;
  data: Uint8Array | string;
}

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** The archive bytes; `mtime` in seconds (fixed by callers that want reproducible files). */
export function tarArchive(entries: readonly TarEntry[], mtime = 0): Uint8Array {
  const enc = new TextEncoder();
  const blobs = entries.map((e) => ({
    name: e.name,
    bytes: typeof e.data === 'string' ? enc.encode(e.data) : e.data,
  }));
  const size = blobs.reduce((s, b) => s + BLOCK + Math.ceil(b.bytes.length / BLOCK) * BLOCK, 0) + 2 * BLOCK;
  const out = new Uint8Array(size);
  let at = 0;
  for (const { name, bytes } of blobs) {
    if (name.length > 100 || !/^[\x20-\x7e]+$/.test(name))
      throw new Error(`tar: file name "${name}" is not short ASCII`);
    const h = out.subarray(at, at + BLOCK);
    const put = (text: string, offset: number) => h.set(enc.encode(text), offset);
    put(name, 0);
    put(octal(0o644, 8), 100);
    put(octal(0, 8), 108);
    put(octal(0, 8), 116);
    put(octal(bytes.length, 12), 124);
    put(octal(mtime, 12), 136);
    put('        ', 148); // checksum field counts as spaces while summing
    put('0', 156);
    put('ustar\u000000', 257);
    let sum = 0;
    for (const b of h) sum += b;
    put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    out.set(bytes, at + BLOCK);
    at += BLOCK + Math.ceil(bytes.length / BLOCK) * BLOCK;
  }
  return out;
}
