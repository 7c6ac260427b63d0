// The common first step of graph commands: read FILE, parse and analyze it, and report problems
// the same way everywhere (a list of sentences, or JSON for machines).
import { parseJsonText } from '../graph-schema/json-text.ts';
import { analyzeGraph } from '../engine/index.ts';
import type { Diagnostic, GraphAnalysis } from '../engine/index.ts';
import { EXIT, type CliIo } from './command.ts';
import { readGraphFile } from './read-graph.ts';

/** An analysis of the file, or the exit code of a failure already reported to the user. */
export type LoadResult =
  | { ok: true; analysis: GraphAnalysis }
  | { ok: false; code: number; diagnostics: Diagnostic[] };

/** Reads and analyzes FILE; unreadable files are reported on stderr here (exit 2). */
export async function loadAndAnalyze(file: string, io: CliIo): Promise<LoadResult> {
  const read = await readGraphFile(file);
  if (!read.ok) {
    if (read.code === EXIT.usage) {
      io.err(read.message);
      return { ok: false, code: EXIT.usage, diagnostics: [] };
    }
    return { ok: false, code: read.code, diagnostics: [{ path: '', message: read.message }] };
  }
  const parsed = parseJsonText(read.text);
  if (!parsed.ok) return { ok: false, code: EXIT.invalid, diagnostics: [parsed.issue] };
  return { ok: true, analysis: analyzeGraph(parsed.value) };
}

/** The exit code for a list of problems: 3 when one is a bug of ours (internal), else 1. */
export function problemExit(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.internal) ? EXIT.internal : EXIT.invalid;
}

/** Prints problems as indented sentences with their JSON path. */
export function printDiagnostics(file: string, diagnostics: Diagnostic[], io: CliIo): void {
  const n = diagnostics.length;
  io.out(`${file} is not a valid graph (${n} problem${n === 1 ? '' : 's'}):`);
  for (const d of diagnostics) io.out(`  - ${d.message}${d.path ? `  (at ${d.path})` : ''}`);
}

/** The machine-readable form of a problem list. */
export function diagnosticsJson(diagnostics: Diagnostic[]): Array<Record<string, string>> {
  return diagnostics.map((d) => ({
    path: d.path,
    ...(d.nodeId !== undefined ? { nodeId: d.nodeId } : {}),
    ...(d.edgeId !== undefined ? { edgeId: d.edgeId } : {}),
    message: d.message,
  }));
}
