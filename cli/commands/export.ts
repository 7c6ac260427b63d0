// `backprop-studio export FILE --to pytorch|keras [-o OUT]`: Python source for the same model and
// training setup (engine/export). The code goes to stdout, or to OUT with -o; problems go to
// stderr so a redirected `> model.py` never captures an error message as code.
import { writeFile } from 'node:fs/promises';
import { argsOrExit, closest } from '../args.ts';
import { EXIT, type CliIo, type Command } from '../command.ts';
import { printDiagnostics, problemExit } from '../load.ts';
import { outputRefusal } from '../output.ts';
import { readGraphFile } from '../read-graph.ts';
import { parseJsonText } from '../../graph-schema/json-text.ts';
import { EXPORT_TARGETS, type ExportTarget, exportGraph } from '../../engine/index.ts';

const toStderr = (io: CliIo): CliIo => ({ out: (l) => io.err(l), err: (l) => io.err(l) });

/** The `export` command. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write Python source (PyTorch or Keras) for the same model and training setup',
  usage: [
    'usage: backprop-studio export FILE --to pytorch|keras [-o OUT] [--force]',
    '',
    '  Writes the code to stdout, or to OUT with -o/--out (an existing OUT only with --force;',
    '  never FILE itself).',
    '  pytorch  defines build_model() and load_weights(); runs as',
    '           python3 OUT predict --weights W.json --input IN.json   (same JSON as our predict)',
    '           python3 OUT train --data DATA.json [--save-weights W.json]',
    '  keras    tf.keras functional model for the layers Keras has natively (no peephole or',
    '           prototype LSTM); the file needs TensorFlow 2 to run (not installed here).',
    '  Exit 1 when FILE is not a valid graph or cannot be exported, 2 for wrong arguments or',
    '  when FILE cannot be read or OUT cannot be written. See docs/export.md.',
  ].join('\n'),
  async run(args, io) {
    const spec = {
      to: { type: 'string' as const },
      out: { type: 'string' as const, short: 'o' },
      force: { type: 'boolean' as const },
    };
    const parsed = argsOrExit(this, args, spec, io, 1);
    if (typeof parsed === 'number') return parsed;
    const target = checkTarget(parsed.values.to, io);
    if (target === null) return EXIT.usage;
    const file = parsed.positionals[0];
    const read = await readGraphFile(file);
    if (!read.ok) {
      io.err(read.message);
      return read.code;
    }
    const json = parseJsonText(read.text);
    const result = json.ok ? exportGraph(json.value, target) : { ok: false as const, problems: [json.issue] };
    if (!result.ok) {
      printDiagnostics(file, result.problems, toStderr(io));
      return problemExit(result.problems);
    }
    // never silent about a setting the target cannot carry exactly (the file has them as comments too)
    if (result.notes.length > 0) {
      io.err(
        `${file}: the ${target} export differs from Backprop Studio's training in ${result.notes.length} way(s):`,
      );
      for (const note of result.notes) io.err(`  - ${note}`);
    }
    const out = parsed.values.out;
    if (typeof out !== 'string') {
      io.out(result.code.replace(/\n$/, ''));
      return EXIT.ok;
    }
    const refusal = outputRefusal([out], { force: parsed.values.force === true, inputs: [file] });
    if (refusal !== null) {
      io.err(refusal);
      return EXIT.usage;
    }
    return writeCode(out, result.code, target, io);
  },
};

/** The --to value, or null after telling the user what is wrong. */
function checkTarget(to: string | boolean | undefined, io: CliIo): ExportTarget | null {
  if (typeof to === 'string' && (EXPORT_TARGETS as readonly string[]).includes(to)) return to as ExportTarget;
  if (to === undefined) io.err('export needs --to pytorch or --to keras');
  else {
    const guess = closest(String(to).toLowerCase(), EXPORT_TARGETS);
    io.err(
      `export cannot write "${to}"; --to takes ${EXPORT_TARGETS.join(' or ')}${guess ? ` (did you mean ${guess}?)` : ''}`,
    );
  }
  io.err('usage: backprop-studio export FILE --to pytorch|keras [-o OUT]');
  return null;
}

async function writeCode(out: string, code: string, target: ExportTarget, io: CliIo): Promise<number> {
  try {
    await writeFile(out, code, 'utf8');
  } catch (e) {
    const why =
      (e as { code?: string }).code === 'ENOENT' ? 'its folder does not exist' : (e as Error).message;
    io.err(`cannot write ${out}: ${why}`);
    return EXIT.usage;
  }
  const run = target === 'pytorch' ? `; run: python3 ${out} predict --weights W.json --input IN.json` : '';
  io.out(`wrote ${out} (${target === 'pytorch' ? 'PyTorch' : 'Keras'})${run}`);
  return EXIT.ok;
}
