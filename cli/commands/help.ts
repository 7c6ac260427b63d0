// `backprop-studio help [COMMAND]` and `--help`: built from the command table, so a new command
// appears here by being listed in commands/index.ts.
import { closest } from '../args.ts';
import { EXIT, type CliIo, type Command } from '../command.ts';

/** The overview: what the tool is and one line per command. */
export function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'backprop-studio: design, train and understand neural networks (headless command line)',
    '',
    'usage: backprop-studio <command> [arguments]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  show help for a command: backprop-studio help <command>`,
    '',
    'exit codes: 0 ok, 1 invalid graph or input, 2 usage error or unreadable file, 3 internal error',
  ].join('\n');
}

/** Reports an unknown command (exit 2) with a suggestion when one is close. */
export function unknownCommand(name: string, commands: readonly Command[], io: CliIo): number {
  const guess = closest(name, [...commands.map((c) => c.name), 'help']);
  io.err(`unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
  io.err('run "backprop-studio --help" to see the commands');
  return EXIT.usage;
}

/** `help [COMMAND]`. */
export function helpCommand(commands: readonly Command[]): Command {
  return {
    name: 'help',
    summary: 'show help for a command',
    usage: 'usage: backprop-studio help [COMMAND]',
    async run(args, io) {
      if (args.length === 0) {
        io.out(overview(commands));
        return EXIT.ok;
      }
      const cmd = commands.find((c) => c.name === args[0]);
      if (!cmd) return unknownCommand(args[0], commands, io);
      io.out(cmd.usage);
      return EXIT.ok;
    },
  };
}
