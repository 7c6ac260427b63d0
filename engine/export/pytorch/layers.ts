// Per node: the PyTorch module that computes it, read from its type's descriptor
// (engine/layers/<type>.ts, `pytorch`). Standard modules where they are exact (nn.Linear,
// nn.Embedding, nn.RNN tanh/relu, nn.LSTM standard, nn.GRU); small custom cells (runtime.ts) for the
// sigmoid RNN, the peephole and the prototype LSTM.
import { layerOf } from '../../layers/registry.ts';
import type { ExportNode } from '../plan.ts';
import type { ModuleSpec } from './spec.ts';

export type { InitEntry, ModuleSpec } from './spec.ts';

/** The module spec of a node, or null for nodes without parameters (Input, Softmax, Concat, Add). */
export function moduleSpec(n: ExportNode): ModuleSpec | null {
  return layerOf(n.node).pytorch.module(n);
}
