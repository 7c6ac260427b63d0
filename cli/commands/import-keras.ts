// `backprop-studio import-keras MODEL.json [-o OUT.json] [--sequence-length N] [--force]`: a Keras
// model config (model.to_json(), Sequential or functional) as our graph JSON. Unsupported layers are
// refused by name; the graph is checked with the same analysis as `validate` before it is written.
import { basename, dirname } from 'node:path';
import { importKerasText } from '../../engine/index.ts';
import { analyzeGraph } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { printDiagnostics } from '../load.ts';
import { writeOutputFiles } from '../output.ts';
import { readTextOrReport } from './train-setup.ts';

/** The `import-keras` command. */
export const importKerasCommand: Command = {
  name: 'import-keras',
  summary: 'turn a Keras model config (model.to_json()) into a Backprop Studio graph',
  usage: [
    'usage: backprop-studio import-keras MODEL.json [-o OUT.json] [--sequence-length N] [--force]',
    '',
    '  MODEL.json is what Keras writes with model.to_json() (Keras 2 or 3, Sequential or functional)',
    '  with InputLayer, Embedding, Dense, SimpleRNN, LSTM, GRU, Bidirectional, Softmax, Concatenate, Add.',
    '  Prints the graph JSON, or writes OUT.json (--force replaces an existing file).',
    '  --sequence-length N  the length of a variable-length input (keras.Input(shape=(None,)))',
    '  The graph has no training section: pick a dataset in the app or add one. Weights are not in',
    '  to_json(); train here, or load weights saved from the exported PyTorch script.',
    '  Exit 1 when the config cannot be imported (the layer is named), 2 for usage or unreadable files.',
  ].join('\n'),
  async run(args, io) {
    const spec = {
      out: { type: 'string' as const, short: 'o' },
      'sequence-length': { type: 'string' as const },
      force: { type: 'boolean' as const },
    };
    const parsed = argsOrExit(this, args, spec, io, 1);
    if (typeof parsed === 'number') return parsed;
    const rawT = parsed.values['sequence-length'];
    const sequenceLength = rawT === undefined ? undefined : Number(rawT);
    if (sequenceLength !== undefined && !(Number.isInteger(sequenceLength) && sequenceLength > 0)) {
      io.err(`import-keras: --sequence-length must be a whole number 1 or more, got "${String(rawT)}"`);
      return EXIT.usage;
    }
    const file = parsed.positionals[0];
    const text = await readTextOrReport(file, 'Keras model config', io);
    if (text === null) return EXIT.usage;
    const r = importKerasText(text, { sequenceLength, name: basename(file).replace(/\.json$/i, '') });
    if (!r.ok) {
      io.err(`${file}: ${r.message}`);
      return EXIT.invalid;
    }
    const analysis = analyzeGraph(r.graph);
    if (analysis.diagnostics.length > 0) {
      printDiagnostics(file, analysis.diagnostics, { out: io.err, err: io.err });
      return EXIT.invalid;
    }
    for (const note of r.notes) io.err(`note: ${note}`);
    const json = `${JSON.stringify(r.graph, null, 2)}\n`;
    const out = parsed.values.out;
    if (typeof out !== 'string') {
      io.out(json.trimEnd());
      return EXIT.ok;
    }
    const ok = await writeOutputFiles(dirname(out), [{ name: basename(out), data: json }], io, {
      force: parsed.values.force === true,
    });
    if (!ok) return EXIT.usage;
    io.out(
      `wrote ${out}: ${r.graph.nodes.length} nodes, ${analysis.totalParams.toLocaleString('en-US')} parameters`,
    );
    return EXIT.ok;
  },
};
