// Code export: a graph document -> Python source for PyTorch or Keras. Pure (no fs, no DOM): the
// CLI's `export` command and the app both call exportGraph and write the text where they like.
import { isLayerType } from '../layers/registry.ts';
import type { Diagnostic } from '../shapes/types.ts';
import { kerasFileNotes, kerasProblems, kerasSource } from './keras/index.ts';
import { planExport } from './plan.ts';
import { pytorchSource } from './pytorch/index.ts';

/** The export targets. */
export const EXPORT_TARGETS = ['pytorch', 'keras'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** Python source, or the problems (with node ids) that stop the graph being exported. */
/** `notes`: what the target cannot carry over exactly (also written as comments in `code`). */
export type ExportResult =
  | { ok: true; code: string; notes: string[] }
  | { ok: false; problems: Diagnostic[] };

/** Exports a graph document (parsed JSON) to `target`; never throws for bad graphs. */
export function exportGraph(doc: unknown, target: ExportTarget): ExportResult {
  const planned = planExport(doc);
  if (!planned.ok) return { ok: false, problems: planned.problems };
  const plan = planned.plan;
  const unknown = plan.nodes.filter((n) => !isLayerType(n.node.type)); // a newer format's type
  if (unknown.length > 0) {
    return {
      ok: false,
      problems: unknown.map((n) => ({
        path: `nodes[${plan.graph.nodes.indexOf(n.node)}].type`,
        nodeId: n.id,
        message: `node '${n.id}': the ${target} export does not handle ${n.node.type} nodes yet`,
      })),
    };
  }
  // the schema's optimizer ranges are PyTorch's own argument checks, so every valid graph exports
  if (target === 'pytorch') return { ok: true, code: pytorchSource(plan), notes: [] };
  const problems = kerasProblems(plan);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, code: kerasSource(plan), notes: kerasFileNotes(plan) };
}
