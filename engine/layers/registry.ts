// Lookups over the layer descriptors (LAYERS, generated into index.gen.ts) for code that holds a node
// of any type: its descriptor, its layer, its parameter tensors and count, its card line.
import type { GraphNode, NodeType } from '../../graph-schema/schema.ts';
import type { Rng } from '../random.ts';
import type { DType } from '../tensor.ts';
import type { LayerDescriptor, LayerFactory, ParamShape } from './descriptor.ts';
import { LAYERS } from './index.gen.ts';
import type { Layer } from './layer.ts';

export type { LayerDescriptor, LayerFactory, ParamShape } from './descriptor.ts';
export { LAYERS } from './index.gen.ts';

/** A descriptor used on a node whose type is only known at run time. */
export type AnyLayerDescriptor = LayerDescriptor<NodeType>;

/**
 * The descriptor of a node. TypeScript cannot tie `node.type` to `LAYERS[node.type]` by itself, so
 * this is the one place that says they match (the record is keyed by type, `satisfies`-checked).
 */
export function layerOf(node: GraphNode | NodeType): AnyLayerDescriptor {
  const type = typeof node === 'string' ? node : node.type;
  return LAYERS[type] as unknown as AnyLayerDescriptor;
}

/** True when `type` is a node type the engine knows. */
export function isLayerType(type: string): type is NodeType {
  return Object.hasOwn(LAYERS, type);
}

/** Every node type's factory. */
export const LAYER_FACTORIES = Object.fromEntries(Object.entries(LAYERS).map(([t, d]) => [t, d.create])) as {
  [T in NodeType]: LayerFactory<T>;
};

/** The layer for any node (dispatches on node.type). */
export function createLayer(node: GraphNode, inputShapes: number[][], dtype: DType, rng: Rng): Layer {
  return layerOf(node).create(node, inputShapes, dtype, rng);
}

/** The trainable tensors a node's layer allocates for these input shapes (no batch axis). */
export function paramShapes(node: GraphNode, inputShapes: number[][]): ParamShape[] {
  return layerOf(node).paramShapes(node, inputShapes);
}

/** Trainable parameters of a node (Keras's convention): the total size of its tensors. */
export function paramCount(node: GraphNode, inputShapes: number[][]): number {
  return paramShapes(node, inputShapes).reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
}

/** Node types whose layers report per-time-step gradient norms (RNN, LSTM, GRU, ...). */
export const PER_STEP_TYPES: ReadonlySet<string> = new Set(
  Object.entries(LAYERS)
    .filter(([, d]) => d.perStep)
    .map(([t]) => t),
);

/** The card's one-line summary of a node's key params. */
export function cardLine(node: GraphNode): string {
  return layerOf(node).card(node);
}
