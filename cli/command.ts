// The shape of a CLI subcommand. Each lives in cli/commands/<name>.ts and is listed once in
// cli/commands/index.ts; help, dispatch and "did you mean" all read that one table.

/** Where a command writes: one call per line (no trailing newline needed). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A subcommand of `backprop-studio`. */
export interface Command {
  /** the word typed after `backprop-studio` */
  name: string;
  /** one line for the command list in `--help` */
  summary: string;
  /** the usage line(s) and option descriptions for `help <name>` */
  usage: string;
  /** runs with the arguments after the name; resolves to the exit code (0 ok, 1 invalid input, 2 usage) */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;
