// Running the CLI in tests: in-process (fast, most tests) and as the real `node bin/backprop-studio.js`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../cli/run.ts';

/** What a run printed and how it ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The repository root (where package.json is). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI in this process with captured output. */
export async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs the real executable, as a user would. */
export function bin(...argv: string[]): CliRun {
  const r = spawnSync(process.execPath, ['bin/backprop-studio.js', ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** True when text looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+[:(]\d+:\d+\)?/.test(text) || /node:internal|Error: .*\n/.test(text);
}
