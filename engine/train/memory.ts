// How much memory training a graph needs, estimated from shapes alone (before anything is compiled
// or loaded), and the refusal when it does not fit TRAINING_MEMORY_BUDGET_BYTES (graph-schema/limits.ts).
// Counted: parameters, their gradients, the optimizer's state (PyTorch's slots per parameter), and
// per example of a batch every node's output and its gradient plus what recurrent cells keep per
// time step for backpropagation through time, and what a layer's descriptor says it keeps besides
// (workValues). Float32 values (4 bytes) unless the model says otherwise.
import { TRAINING_MEMORY_BUDGET_BYTES } from '../../graph-schema/limits.ts';
import type { Graph, OptimizerConfig } from '../../graph-schema/schema.ts';
import { layerOf } from '../layers/registry.ts';
import { optimizerEntry } from '../optim/table.ts';
import type { Diagnostic, GraphAnalysis } from '../shapes/types.ts';

/** The estimate, in bytes, by part. */
export interface MemoryEstimate {
  params: number;
  gradients: number;
  optimizer: number;
  /** for the whole batch */
  activations: number;
  total: number;
  /** rows per batch the estimate assumed */
  batch: number;
  /** the node whose activations and parameters weigh most */
  heaviest: { nodeId: string; bytes: number } | null;
}

/** Optimizer state tensors per parameter tensor, as torch.optim keeps them. */
export function optimizerSlots(cfg: OptimizerConfig | undefined): number {
  return cfg ? optimizerEntry(cfg).slots(cfg) : 0;
}

/** Values a recurrent cell keeps per time step and unit (gates, states) for its backward pass. */
const CELL_VALUES_PER_STEP: Record<string, number> = { RNN: 2, LSTM: 7, GRU: 5 };

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** Estimates training memory for `analysis` at `batch` rows per step. */
export function estimateTrainingMemory(
  analysis: GraphAnalysis,
  batch: number,
  opts: { optimizer?: OptimizerConfig; bytesPerValue?: number } = {},
): MemoryEstimate {
  const b = opts.bytesPerValue ?? 4;
  const graph = analysis.graph;
  const inputOf = new Map<string, string>();
  for (const e of graph?.edges ?? []) if (!inputOf.has(e.target)) inputOf.set(e.target, e.source);
  let activations = 0;
  let heaviest: MemoryEstimate['heaviest'] = null;
  for (const id of analysis.order) {
    const n = analysis.nodes[id];
    if (!n?.outputShape) continue;
    // the output and the gradient flowing back into it
    let perExample = 2 * prod(n.outputShape);
    const cell = CELL_VALUES_PER_STEP[n.type];
    if (cell !== undefined) {
      const inShape = analysis.nodes[inputOf.get(id) ?? '']?.outputShape ?? [1, 1];
      const steps = inShape.length >= 2 ? inShape[0] : 1;
      const node = graph?.nodes.find((x) => x.id === id);
      const units = node && 'units' in node.params ? Number(node.params.units) : 0;
      const directions = node && 'bidirectional' in node.params && node.params.bidirectional ? 2 : 1;
      perExample += cell * units * steps * directions;
    }
    // what the layer's descriptor says it keeps besides (attention: its [T, T] weights)
    const node = graph?.nodes.find((x) => x.id === id);
    const inShape = analysis.nodes[inputOf.get(id) ?? '']?.outputShape;
    if (node && inShape) perExample += layerOf(node).workValues?.(node, [inShape]) ?? 0;
    const bytes = perExample * batch * b + 4 * n.params * b;
    activations += perExample * batch * b;
    if (!heaviest || bytes > heaviest.bytes) heaviest = { nodeId: id, bytes };
  }
  const params = analysis.totalParams * b;
  const gradients = params;
  const optimizer = params * optimizerSlots(opts.optimizer);
  return {
    params,
    gradients,
    optimizer,
    activations,
    total: params + gradients + optimizer + activations,
    batch,
    heaviest,
  };
}

/** Bytes as "1.2 GB" / "340 MB". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(0)} MB`;
  return `${Math.ceil(n / 1024)} kB`;
}

/**
 * The refusal when training would not fit the budget, or null. `examples` (training rows) is needed
 * only for batchSize "full"; without it, "full" is checked at one row (parameters dominate then).
 */
export function checkTrainingMemory(
  analysis: GraphAnalysis,
  opts: { examples?: number; budget?: number } = {},
): Diagnostic | null {
  const graph: Graph | null = analysis.graph;
  const training = graph?.training;
  const setting = training?.batchSize ?? 32;
  const batch =
    setting === 'full' ? Math.max(1, opts.examples ?? 1) : Math.min(setting, opts.examples ?? setting);
  const e = estimateTrainingMemory(analysis, batch, { optimizer: training?.optimizer });
  const budget = opts.budget ?? TRAINING_MEMORY_BUDGET_BYTES;
  if (e.total <= budget) return null;
  const parts = [
    `parameters ${formatBytes(e.params)}`,
    `gradients ${formatBytes(e.gradients)}`,
    e.optimizer > 0 ? `${training?.optimizer.type} state ${formatBytes(e.optimizer)}` : '',
    `activations for a batch of ${batch} ${formatBytes(e.activations)}`,
  ].filter((p) => p !== '');
  const where = e.heaviest
    ? ` The heaviest node is ${e.heaviest.nodeId} (${formatBytes(e.heaviest.bytes)}).`
    : '';
  return {
    path: 'training',
    ...(e.heaviest ? { nodeId: e.heaviest.nodeId } : {}),
    message: `training needs about ${formatBytes(e.total)} of memory (${parts.join(', ')}), over the ${formatBytes(budget)} budget: use fewer units, a smaller vocabulary, shorter sequences or a smaller batch.${where}`,
  };
}
