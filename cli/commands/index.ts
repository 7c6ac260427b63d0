// THE table of subcommands. To add one: create cli/commands/<name>.ts exporting a Command, import
// it here and add it to the list (help, dispatch and suggestions pick it up from this list).
import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { exportDataCommand } from './export-data.ts';
import { importKerasCommand } from './import-keras.ts';
import { predictCommand } from './predict.ts';
import { summaryCommand } from './summary.ts';
import { trainCommand } from './train.ts';
import { referenceCommand } from './reference.ts';
import { benchCommand } from './bench.ts';
import { validateCommand } from './validate.ts';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  summaryCommand,
  trainCommand,
  predictCommand,
  exportCommand,
  exportDataCommand,
  importKerasCommand,
  referenceCommand,
  benchCommand,
];
