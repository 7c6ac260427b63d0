// Input: where the batch enters. Its layer passes the batch through; its shape and dtype are the
// node's params.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { pyInts, pyStr } from '../export/python.ts';
import { showShape } from '../shapes/flow.ts';
import type { DType, Tensor } from '../tensor.ts';
import type { LayerDescriptor } from './descriptor.ts';
import type { Layer, PassOptions } from './layer.ts';

/** The graph's Input node: passes the batch through unchanged (no params). */
export class InputLayer implements Layer {
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

export const inputLayer: LayerDescriptor<'Input'> = {
  arity: 'none',
  infer: (node) => ({ shape: [...node.params.shape], dtype: node.params.dtype }),
  paramShapes: () => [],
  create: (node, _shapes, dtype) => new InputLayer([...node.params.shape], dtype),
  card: (node: NodeOfType<'Input'>) =>
    `shape ${showShape(node.params.shape)} · ${node.params.dtype ?? 'float32'}`,
  perStep: false,
  // the input is forward()'s argument x
  pytorch: { module: () => null, forward: () => [] },
  keras: {
    call: (n) =>
      `keras.Input(shape=${pyInts(n.outputShape, true)}, dtype=${pyStr(n.node.params.dtype)}, name=${pyStr(n.id)})`,
    weights: () => null,
  },
};
