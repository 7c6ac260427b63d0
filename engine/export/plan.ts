// What every code generator needs to know about a graph, computed once: the validated graph with
// defaults filled, nodes in the engine's topological order with their inputs in edge order (the
// order Concat concatenates in), shapes, Python names, and the resolved loss and its fusion.
import type { Graph, GraphNode, TrainingConfig } from '../../graph-schema/schema.ts';
import { type Fusion, resolveLoss } from '../model/loss-head.ts';
import { buildPlan } from '../model/plan.ts';
import { analyzeGraph } from '../shapes/analyze.ts';
import type { Diagnostic } from '../shapes/types.ts';
import type { LossKind } from '../types.ts';
import { pythonNames } from './python.ts';

/** One node as the generators see it. */
export interface ExportNode {
  id: string;
  node: GraphNode;
  /** Python identifier of the node's output (and of its module attribute) */
  name: string;
  /** ids of the nodes feeding it, in edge order */
  inputs: string[];
  /** input shapes without batch, in edge order */
  inputShapes: number[][];
  /** output shape without batch */
  outputShape: number[];
}

/** A graph ready for code generation. */
export interface ExportPlan {
  graph: Graph;
  /** nodes in topological order (Input first, output last) */
  nodes: ExportNode[];
  byId: Map<string, ExportNode>;
  input: ExportNode;
  output: ExportNode;
  loss: LossKind;
  /** how the loss meets the output: on the Softmax's input, on the sigmoid Dense's logits, or none */
  fusion: Fusion;
  training: TrainingConfig | undefined;
}

/** The plan of a graph document, or the problems that stop it compiling (same as `validate`). */
export function planExport(
  doc: unknown,
): { ok: true; plan: ExportPlan } | { ok: false; problems: Diagnostic[] } {
  const analysis = analyzeGraph(doc);
  if (!analysis.ok || analysis.graph === null) {
    const problems =
      analysis.diagnostics.length > 0
        ? analysis.diagnostics
        : [{ path: '', message: 'the graph is not valid' }];
    return { ok: false, problems };
  }
  const graph = analysis.graph;
  const wiring = buildPlan({ ...analysis, graph });
  const names = pythonNames(wiring.order.filter((id) => id !== wiring.inputId));
  names.set(wiring.inputId, 'x');
  const nodes = wiring.order.map((id): ExportNode => {
    const p = wiring.nodes.get(id)!;
    const inputs = p.inEdges.map((e) => e.source);
    return {
      id,
      node: p.node,
      name: names.get(id)!,
      inputs,
      inputShapes: inputs.map((s) => analysis.nodes[s].outputShape ?? []),
      outputShape: analysis.nodes[id].outputShape ?? [],
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const output = byId.get(wiring.outputId)!;
  const loss = resolveLoss(graph.training?.loss, output.node);
  if ('error' in loss) return { ok: false, problems: [loss.error] };
  return {
    ok: true,
    plan: {
      graph,
      nodes,
      byId,
      input: byId.get(wiring.inputId)!,
      output,
      loss: loss.kind,
      fusion: loss.fusion,
      training: graph.training,
    },
  };
}
