// Node type -> layer factory. A typed Record over every NodeType, so adding a type to the graph
// format without a layer here is a compile error, and there is exactly one entry per type.
import type { GraphNode, NodeOfType, NodeType } from '../../graph-schema/schema.ts';
import type { Rng } from '../random.ts';
import type { DType, Tensor } from '../tensor.ts';
import { createAdd } from './add.ts';
import { createConcat } from './concat.ts';
import { createDense } from './dense.ts';
import { createEmbedding } from './embedding.ts';
import type { Layer, PassOptions } from './layer.ts';
import { createRecurrentLayer } from './recurrent/index.ts';
import { createSoftmax } from './softmax.ts';

/** Builds a layer for a node given its input shapes (without batch), in edge order. */
export type LayerFactory<T extends NodeType = NodeType> = (
  node: NodeOfType<T>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
) => Layer;

/** The graph's Input node: passes the batch through unchanged (no params). */
class InputLayer implements Layer {
  readonly params = [];
  constructor(
    readonly outputShape: number[],
    readonly dtype: DType,
  ) {}
  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    return inputs[0];
  }
  backward(_dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    return [null];
  }
}

/** Every node type's factory. */
export const LAYER_FACTORIES: { [T in NodeType]: LayerFactory<T> } = {
  Input: (node, _shapes, dtype) => new InputLayer([...node.params.shape], dtype),
  Embedding: createEmbedding,
  Dense: createDense,
  RNN: (node, shapes, dtype, rng) => createRecurrentLayer(node, shapes[0], dtype, rng),
  LSTM: (node, shapes, dtype, rng) => createRecurrentLayer(node, shapes[0], dtype, rng),
  GRU: (node, shapes, dtype, rng) => createRecurrentLayer(node, shapes[0], dtype, rng),
  Softmax: createSoftmax,
  Concat: createConcat,
  Add: createAdd,
};

/** The layer for any node (dispatches on node.type). */
export function createLayer(node: GraphNode, inputShapes: number[][], dtype: DType, rng: Rng): Layer {
  const factory = LAYER_FACTORIES[node.type] as LayerFactory;
  return factory(node, inputShapes, dtype, rng);
}
