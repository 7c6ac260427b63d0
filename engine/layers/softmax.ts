// Softmax over the last axis. When it is the model's output under cross-entropy, the model fuses it
// with the loss (gradient p - onehot straight to the logits) and never calls this backward; the
// standalone backward below serves every other use (e.g. a Softmax trained with MSE).
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { reuse } from '../kernels/buffers.ts';
import type { DType, Tensor } from '../tensor.ts';
import { softmaxRows } from './activations.ts';
import { pyStr } from '../export/python.ts';
import { idsNeedEmbedding } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import type { Layer, PassOptions } from './layer.ts';

/** Probabilities [..., K] from logits [..., K]; no params. */
export class SoftmaxLayer implements Layer {
  readonly params = [];
  readonly outputShape: number[];
  private y: Tensor | null = null;
  private dx: Tensor | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    readonly dtype: DType,
  ) {
    this.outputShape = [...inputShape];
  }

  /** p[r, :] = softmax(x[r, :]) for every row r of the last axis. */
  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const x = inputs[0];
    const k = x.shape[x.shape.length - 1];
    const y = reuse(this.y, x.shape, this.dtype);
    this.y = y;
    softmaxRows(x.data, y.data, x.data.length / k, k);
    return y;
  }

  /** dx = p ⊙ (dy - Σ_j dy_j p_j), row by row (the softmax Jacobian-vector product). */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    const p = this.y!;
    const k = p.shape[p.shape.length - 1];
    const dx = reuse(this.dx, p.shape, this.dtype);
    this.dx = dx;
    const rows = p.data.length / k;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let dot = 0;
      for (let j = 0; j < k; j++) dot += dOut.data[o + j] * p.data[o + j];
      for (let j = 0; j < k; j++) dx.data[o + j] = p.data[o + j] * (dOut.data[o + j] - dot);
    }
    return [dx];
  }
}

/** Registry factory for Softmax nodes. */
export function createSoftmax(node: NodeOfType<'Softmax'>, inputShapes: number[][], dtype: DType): Layer {
  return new SoftmaxLayer(node.id, inputShapes[0], dtype);
}

export const softmaxLayer: LayerDescriptor<'Softmax'> = {
  arity: 'one',
  infer: (_node, [x]) => {
    if (x.dtype === 'int32') return idsNeedEmbedding(x);
    if (x.shape[x.shape.length - 1] === 1) {
      return `is applied to a single unit from ${x.from}, so it always outputs 1: use Dense(1, sigmoid) for two classes, or give ${x.from} 2 or more units`;
    }
    return { shape: [...x.shape], dtype: 'float32' };
  },
  paramShapes: () => [],
  create: createSoftmax,
  card: () => 'over last axis',
  perStep: false,
  pytorch: {
    module: () => null,
    forward: (_n, { args, out, shape, outputFusion }) => {
      // cross-entropy reads the Softmax's input (the logits)
      const early = outputFusion === 'softmax' ? ['        if logits:', `            return ${args[0]}`] : [];
      return [...early, `        ${out} = torch.softmax(${args[0]}, dim=-1)${shape}`];
    },
  },
  keras: {
    call: (n, [x]) => `layers.Softmax(axis=-1, name=${pyStr(n.id)})(${x})`,
    weights: () => null,
  },
};
