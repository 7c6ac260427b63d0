// The engine's side of a node type: everything the engine, the canvas and the exporters need to
// know about it, in one object (engine/layers/<type>.ts, exported as
// `export const xLayer: LayerDescriptor<'X'> = {...}`). scripts/gen-registry.mjs collects them into
// LAYERS (index.gen.ts), typed one per NodeType, so a type without a descriptor is a compile error.
import type { NodeOfType, NodeType } from '../../graph-schema/schema.ts';
import type { KerasExport } from '../export/keras/spec.ts';
import type { PytorchExport } from '../export/pytorch/spec.ts';
import type { Rng } from '../random.ts';
import type { Arity, FlowInfo, NodeInput } from '../shapes/flow.ts';
import type { DType } from '../tensor.ts';
import type { Layer } from './layer.ts';

/** A trainable tensor a layer allocates: its weights-file name (without the node id) and shape. */
export interface ParamShape {
  name: string;
  shape: number[];
}

/** Builds a layer for a node given its input shapes (without batch), in edge order. */
export type LayerFactory<T extends NodeType = NodeType> = (
  node: NodeOfType<T>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
) => Layer;

/** One node type's engine descriptor. */
export interface LayerDescriptor<T extends NodeType> {
  /** how many inputs it takes */
  arity: Arity;
  /** the shape rule: output flow, or a sentence (without the "node x (Type)" prefix) saying what is wrong */
  infer(node: NodeOfType<T>, inputs: NodeInput[]): FlowInfo | string;
  /**
   * The tensors `create` allocates, in the layer's `params` order. The parameter count (Keras's
   * convention) is their total size; a generic test checks these against the built layer.
   */
  paramShapes(node: NodeOfType<T>, inputShapes: number[][]): ParamShape[];
  /** builds the layer (forward/backward) */
  create: LayerFactory<T>;
  /** the card's one-line summary of the key params, e.g. "64 units · seq · bi" */
  card(node: NodeOfType<T>): string;
  /** true for layers that report per-time-step gradient norms (the time-step view) */
  perStep: boolean;
  /** what those norms are of, as the view labels it: `h_t` (default, a recurrent layer's output at
   *  step t) or, for a layer without a hidden state, `x_t` (the gradient reaching input position t) */
  perStepOf?: 'h_t' | 'x_t';
  /** values per example the layer keeps for its backward beyond its output (the training-memory
   *  estimate adds them; e.g. attention's [T, T] weights), when that is more than a few */
  workValues?(node: NodeOfType<T>, inputShapes: number[][]): number;
  /** layers that read token ids: the id limit (the Input's ids must be below it) */
  tokenLimit?(node: NodeOfType<T>): number;
  pytorch: PytorchExport<T>;
  keras: KerasExport<T>;
  /** its single-layer PyTorch reference kind (test/reference/README.md), when it has one: the kind's
   *  name and how a case's config builds the layer for an input shape (no batch) */
  reference?: { kind: string; layer(config: CaseConfig, inputShape: number[], dtype: DType): Layer };
}

/** A reference case's `config`, read with errors that name the field. */
export interface CaseConfig {
  num(key: string): number;
  bool(key: string): boolean;
}
