// Dispatch: argv -> one command from the table -> exit code. The top-level catch guarantees that
// no input ever ends in a stack trace: only a bug of ours reaches it, as "internal error" (exit 3).
import { readFileSync } from 'node:fs';
import { EXIT, type CliIo, type Command } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { helpCommand, overview, unknownCommand } from './commands/help.ts';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI on `argv` (the words after the program name); resolves to the exit code. */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.err(overview(commands));
      return EXIT.usage;
    }
    if (first === '--help' || first === '-h') {
      io.out(overview(commands));
      return EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.out(version());
      return EXIT.ok;
    }
    const all = [...commands, helpCommand(commands)];
    const cmd = all.find((c) => c.name === first);
    if (!cmd) return unknownCommand(first, commands, io);
    return await cmd.run(rest, io);
  } catch (e) {
    io.err(`internal error: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.internal;
  }
}
