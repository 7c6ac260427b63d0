// Per node: the tf.keras layer that computes it natively and how our tensors become that layer's
// weights, read from its type's descriptor (engine/layers/<type>.ts, `keras`).
import { layerOf } from '../../layers/registry.ts';
import type { ExportNode } from '../plan.ts';
import type { KerasWeights } from './spec.ts';

export type { KerasWeights } from './spec.ts';

/** Why Keras cannot express a node natively, or null when it can. */
export function kerasUnsupported(n: ExportNode): string | null {
  return layerOf(n.node).keras.unsupported?.(n) ?? null;
}

/** The Keras layer call producing the node's output from its inputs' variables. */
export function kerasLayerCall(n: ExportNode, args: string[]): string {
  return layerOf(n.node).keras.call(n, args);
}

/** The WEIGHT_PLAN row of a node with parameters, or null. */
export function kerasWeights(n: ExportNode): KerasWeights | null {
  return layerOf(n.node).keras.weights(n);
}
