// Result of analyzing a graph document: validation + shape inference + parameter counts, computed
// in one pure pass (the canvas, the CLI and the compiler all call analyzeGraph()).
import type { Graph } from '../../graph-schema/schema.ts';

/** One problem, tied to where it is. */
export interface Diagnostic {
  /** JSON path into the document, e.g. "nodes[3].params.units" */
  path: string;
  nodeId?: string;
  edgeId?: string;
  /** a sentence a student understands */
  message: string;
  /** a bug of ours, not the document's fault (the CLI exits 3) */
  internal?: true;
}

/** What the canvas shows on a node. */
export interface NodeInfo {
  id: string;
  type: string;
  /** output shape without the batch dimension; null when it cannot be inferred (an upstream error) */
  outputShape: number[] | null;
  /** element type flowing out: int32 token ids or float32 */
  dtype: 'float32' | 'int32' | null;
  /** trainable parameter count, Keras convention */
  params: number;
  /** messages of the diagnostics that belong to this node */
  errors: string[];
  /** ids of the nodes feeding it, in the graph's edge order (= the layer's input order) */
  inputs: string[];
}

export interface GraphAnalysis {
  /** true when there are no diagnostics at all: the graph compiles */
  ok: boolean;
  /** the parsed, migrated, defaults-filled graph (null when the document is not a graph at all) */
  graph: Graph | null;
  /** per node id */
  nodes: Record<string, NodeInfo>;
  /** node ids in topological order (Input first; ties keep document order). THE order: the compiled
   *  model, the summary and the exporters all follow it (one sort, in analyze.ts) */
  order: string[];
  totalParams: number;
  diagnostics: Diagnostic[];
}
