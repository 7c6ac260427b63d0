// `backprop-studio reference FILE [--float32] [--check]`: runs one shared/reference case on the
// engine and prints the case JSON with the engine's values under `actual` (shaped like `expected`).
import { parseJsonText } from '../../graph-schema/json-text.ts';
import { compareCase } from '../../engine/index.ts';
import { runReferenceCase } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { readGraphFile } from '../read-graph.ts';

/** The README's tolerances: training kinds are multi-step and get the looser pair. */
export function toleranceFor(kind: string): { rtol: number; atol: number } {
  return kind.startsWith('train_') ? { rtol: 1e-3, atol: 1e-4 } : { rtol: 1e-4, atol: 1e-5 };
}

/** The `reference` command. */
export const referenceCommand: Command = {
  name: 'reference',
  summary: 'run one PyTorch reference case on the engine and print the case with `actual` values',
  usage: [
    'usage: backprop-studio reference FILE [--float32] [--check]',
    '',
    '  FILE is a case file of shared/reference/cases (the "expected" part may be absent).',
    '  Prints the case JSON with the engine\'s values under "actual", shaped like "expected".',
    '  --float32  compute in float32 (the training precision) instead of float64',
    '  --check    instead compare actual with expected (README tolerances) and print a verdict;',
    '             exit 1 when a value is out of tolerance',
  ].join('\n'),
  async run(args, io) {
    const parsed = argsOrExit(
      this,
      args,
      { float32: { type: 'boolean' }, check: { type: 'boolean' } },
      io,
      1,
    );
    if (typeof parsed === 'number') return parsed;
    const file = parsed.positionals[0];
    const read = await readGraphFile(file);
    if (!read.ok) {
      io.err(read.message);
      return read.code;
    }
    const json = parseJsonText(read.text);
    if (!json.ok) {
      io.err(`${file}: ${json.issue.message}`);
      return EXIT.invalid;
    }
    let result: ReturnType<typeof runReferenceCase>;
    try {
      result = runReferenceCase(json.value, {
        dtype: parsed.values.float32 === true ? 'float32' : 'float64',
      });
    } catch (e) {
      io.err(`${file}: ${(e as Error).message}`);
      return EXIT.invalid;
    }
    if (parsed.values.check !== true) {
      io.out(JSON.stringify(result));
      return EXIT.ok;
    }
    if (result.expected === undefined) {
      io.err(`${file}: --check needs an "expected" part to compare with`);
      return EXIT.invalid;
    }
    const { rtol, atol } = toleranceFor(result.kind);
    const cmp = compareCase(result.expected, result.actual, rtol, atol);
    const verdict = cmp.mismatches.length === 0 ? 'ok' : 'MISMATCH';
    io.out(
      `${result.case ?? file}: ${verdict} (${cmp.compared} values, max |actual - expected| = ${cmp.maxAbsError.toExponential(2)}, rtol ${rtol}, atol ${atol})`,
    );
    for (const m of cmp.mismatches.slice(0, 10))
      io.out(`  ${m.path}: expected ${m.expected}, got ${m.actual}`);
    return cmp.mismatches.length === 0 ? EXIT.ok : EXIT.invalid;
  },
};
