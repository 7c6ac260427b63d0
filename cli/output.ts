// Writing a command's output files: the folder is created when missing, and files that already exist
// are never replaced unless the user asked with --force (a previous export or the user's own data
// could be lost otherwise), and a command's own input file is never replaced, not even with --force
// (`export G.json -o G.json` would destroy the graph). Every failure is one sentence naming the path.
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { CliIo } from './command.ts';

/** One file to write, relative to the output folder. */
export interface OutputFile {
  name: string;
  data: Uint8Array | string;
}

/** Writes files into dir; false after reporting (nothing written when any file would be replaced). */
export async function writeOutputFiles(
  dir: string,
  files: readonly OutputFile[],
  io: CliIo,
  opts: { force?: boolean; inputs?: readonly string[] } = {},
): Promise<boolean> {
  const refusal = outputRefusal(
    files.map((f) => join(dir, f.name)),
    opts,
  );
  if (refusal !== null) {
    io.err(refusal);
    return false;
  }
  try {
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(join(dir, f.name), f.data);
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of the folder' : (e as Error).message;
    io.err(`cannot write into ${dir}: ${why}`);
    return false;
  }
}

/**
 * Why writing these paths is refused, or null: an input of the command (never, even with force), or an
 * existing file without force. Commands call it before long work (train checks --save-weights first).
 */
export function outputRefusal(
  paths: readonly string[],
  opts: { force?: boolean; inputs?: readonly string[] } = {},
): string | null {
  const own = paths.find((p) => isOneOf(p, opts.inputs ?? []));
  if (own !== undefined)
    return `refusing to write ${own}: it is this command's input, which would be lost; choose another name`;
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length > 0 && !opts.force) {
    const more = existing.length > 1 ? ` (and ${existing.length - 1} more)` : '';
    return `${existing[0]} already exists${more}; choose another name or pass --force to replace it`;
  }
  return null;
}

/** Writes one file (see writeOutputFiles): never over an input, over an existing file only with force. */
export function writeOutputFile(
  path: string,
  data: Uint8Array | string,
  io: CliIo,
  opts: { force?: boolean; inputs?: readonly string[] } = {},
): Promise<boolean> {
  return writeOutputFiles(dirname(path), [{ name: basename(path), data }], io, opts);
}

/** The same file on disk (links and relative paths resolved), when both exist or are spelled alike. */
function isOneOf(path: string, inputs: readonly string[]): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const target = real(path);
  return inputs.some((i) => real(i) === target);
}
