// Writing a command's output files: the folder is created when missing, and files that already exist
// are never replaced unless the user asked with --force (a previous export or the user's own data
// could be lost otherwise). Every failure is one sentence naming the path.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  opts: { force?: boolean } = {},
): Promise<boolean> {
  const existing = files.map((f) => join(dir, f.name)).filter((p) => existsSync(p));
  if (existing.length > 0 && !opts.force) {
    io.err(
      `${existing[0]} already exists${existing.length > 1 ? ` (and ${existing.length - 1} more)` : ''}; ` +
        'choose another folder or pass --force to replace them',
    );
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
