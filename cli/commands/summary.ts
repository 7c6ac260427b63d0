// `backprop-studio summary FILE [--json]`: the Keras-like table of output shapes and parameter
// counts. JSON (a contract): {"nodes": [{"id", "type", "outputShape", "params"}], "totalParams"},
// outputShape without the batch axis, nodes in topological order.
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { diagnosticsJson, loadAndAnalyze, printDiagnostics, problemExit } from '../load.ts';
import { summaryTable } from '../../engine/index.ts';

/** The `summary` command. */
export const summaryCommand: Command = {
  name: 'summary',
  summary: "print each layer's output shape and parameter count (Keras convention) and the total",
  usage: [
    'usage: backprop-studio summary FILE [--json]',
    '',
    "  Prints a table like Keras's model.summary(): Layer (type) | Output Shape | Param #.",
    '  --json   print {"nodes": [{"id", "type", "outputShape", "params"}], "totalParams"}',
    '           (outputShape without the batch axis; nodes in topological order)',
    '  Exit 1 with the list of problems when FILE is not a valid graph, 2 when it cannot be read.',
  ].join('\n'),
  async run(args, io) {
    const parsed = argsOrExit(this, args, { json: { type: 'boolean' } }, io, 1);
    if (typeof parsed === 'number') return parsed;
    const file = parsed.positionals[0];
    const json = parsed.values.json === true;
    const loaded = await loadAndAnalyze(file, io);
    if (!loaded.ok && loaded.code === EXIT.usage) return EXIT.usage;
    const diagnostics = loaded.ok ? loaded.analysis.diagnostics : loaded.diagnostics;
    if (!loaded.ok || diagnostics.length > 0) {
      if (json) io.out(JSON.stringify({ valid: false, issues: diagnosticsJson(diagnostics) }));
      else printDiagnostics(file, diagnostics, io);
      return problemExit(diagnostics);
    }
    const a = loaded.analysis;
    if (json) {
      const nodes = a.order.map((id) => {
        const n = a.nodes[id];
        return { id, type: n.type, outputShape: n.outputShape, params: n.params };
      });
      io.out(JSON.stringify({ nodes, totalParams: a.totalParams }));
    } else io.out(summaryTable(a));
    return EXIT.ok;
  },
};
