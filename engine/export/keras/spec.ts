// What a node type's descriptor tells the Keras generator: the tf.keras layer call that computes
// it and how our tensors become that layer's weights (Keras stores kernels [in, out]).
import type { NodeType } from '../../../graph-schema/schema.ts';
import type { ExportNodeOf } from '../pytorch/spec.ts';

/** One WEIGHT_PLAN row: how load_weights fills one Keras layer. */
export interface KerasWeights {
  layer: string;
  nodeId: string;
  /** direction suffixes of our tensor names ('' and '_rev' for Bidirectional) */
  directions: string[];
  /** Python expression over `get(name)` (our tensor of one direction) giving the layer's weight list */
  arrays: string;
}

/** The Keras part of a descriptor. */
export interface KerasExport<T extends NodeType> {
  /** why Keras cannot express this node natively, or null when it can */
  unsupported?(n: ExportNodeOf<T>): string | null;
  /** the layer call producing the node's output from its inputs' variables */
  call(n: ExportNodeOf<T>, args: string[]): string;
  /** what this node's Keras layer does not reproduce exactly, in words (the file's notes), if anything */
  notes?(n: ExportNodeOf<T>): string[];
  /** Python source of layer classes Keras does not ship, written into the file once each */
  classes?: string[];
  /** the WEIGHT_PLAN row of a node with parameters, or null */
  weights(n: ExportNodeOf<T>): KerasWeights | null;
}

/** Our activation names -> Keras's. */
export const KERAS_ACTIVATION: Record<string, string> = {
  identity: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
};
