// `backprop-studio validate FILE [--json]`: exit 0 when valid, 1 with every problem listed, 2 when
// the file cannot be read or the command is misused.
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { diagnosticsJson, loadAndAnalyze, printDiagnostics, problemExit } from '../load.ts';
import { formatCount } from '../../engine/index.ts';

/** The `validate` command. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a graph file and list every problem with the node or edge it belongs to',
  usage: [
    'usage: backprop-studio validate FILE [--json]',
    '',
    '  Exit 0 when FILE is a valid graph, 1 when it is not (every problem is listed),',
    '  2 when FILE cannot be read or the arguments are wrong.',
    '  --json   print {"valid": true|false, "issues": [{"path", "nodeId"?, "edgeId"?, "message"}]}',
  ].join('\n'),
  async run(args, io) {
    const parsed = argsOrExit(this, args, { json: { type: 'boolean' } }, io, 1);
    if (typeof parsed === 'number') return parsed;
    const file = parsed.positionals[0];
    const json = parsed.values.json === true;
    const loaded = await loadAndAnalyze(file, io);
    if (!loaded.ok && loaded.code === EXIT.usage) return EXIT.usage;
    const diagnostics = loaded.ok ? loaded.analysis.diagnostics : loaded.diagnostics;
    if (json) {
      io.out(JSON.stringify({ valid: diagnostics.length === 0, issues: diagnosticsJson(diagnostics) }));
    } else if (diagnostics.length > 0) {
      printDiagnostics(file, diagnostics, io);
    } else if (loaded.ok) {
      const { graph, totalParams } = loaded.analysis;
      const counts = `${graph?.nodes.length} nodes, ${graph?.edges.length} edges, ${formatCount(totalParams)} parameters`;
      io.out(`${file}: valid graph "${graph?.name}" (${counts})`);
    }
    return diagnostics.length === 0 ? EXIT.ok : problemExit(diagnostics);
  },
};
