// Learned positional embedding: y[b, t, :] = x[b, t, :] + table[t, :] for a sequence x [B, T, D].
// Attention alone is blind to order (permuting the tokens permutes its outputs); adding a learned
// vector per position lets it tell "first token" from "any token". The table has one row per
// position of the declared sequence length; shorter sequences use its first rows.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { pyNum, pyStr } from '../export/python.ts';
import { callModule, kernelInit } from '../export/pytorch/spec.ts';
import { idsNeedEmbedding, showShape } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { reuse, shapeText } from '../kernels/buffers.ts';
import { type InitOverride, initKernel } from '../init.ts';
import { Rng } from '../random.ts';
import type { DType, Tensor } from '../tensor.ts';
import { type Layer, makeParam, type Param, type PassOptions } from './layer.ts';

/** x [B, T, D] -> x + table[:T]; param `table` [maxLen, D] (uniform ±0.05 like Keras's Embedding).
 *  In a graph maxLen is the Input's sequence length; the reference cases also try T < maxLen. */
export class PositionalEmbeddingLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  private readonly table: Param;
  private readonly maxLen: number;
  private readonly dim: number;
  private y: Tensor | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    maxLen: number,
    readonly dtype: DType,
    rng: Rng,
    init?: InitOverride,
  ) {
    const [T, D] = inputShape;
    this.maxLen = maxLen;
    this.dim = D;
    this.outputShape = [T, D];
    this.table = makeParam('table', [maxLen, D], dtype);
    initKernel(this.table.value.data, D, maxLen, rng, init?.kernel ? init : { kernel: 'uniform', ...init });
    this.params = [this.table];
  }

  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const x = inputs[0];
    const [, T, D] = x.shape;
    if (x.shape.length !== 3 || D !== this.dim || T < 1 || T > this.maxLen) {
      throw new Error(
        `PositionalEmbedding '${this.nodeId}' expects a sequence [batch, 1 to ${this.maxLen} steps, ${this.dim}], got ${shapeText(x.shape)}`,
      );
    }
    const y = reuse(this.y, x.shape, this.dtype);
    this.y = y;
    const p = this.table.value.data;
    const n = T * D; // table[:T] is the first T·D values
    for (let i = 0; i < x.data.length; i++) y.data[i] = x.data[i] + p[i % n];
    return y;
  }

  /** dL/dx = dL/dy (passed through); dL/dtable[t] += Σ_b dL/dy[b, t]. */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    const [, T, D] = dOut.shape;
    const n = T * D;
    const g = this.table.grad.data;
    for (let i = 0; i < dOut.data.length; i++) g[i % n] += dOut.data[i];
    return [dOut];
  }
}

/** Registry factory for PositionalEmbedding nodes: one table row per position of the input sequence. */
export function createPositionalEmbedding(
  node: NodeOfType<'PositionalEmbedding'>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
): Layer {
  const shape = inputShapes[0];
  return new PositionalEmbeddingLayer(
    node.id,
    shape,
    shape[0],
    dtype,
    rng,
    node.params.init as InitOverride | undefined,
  );
}

/** The Keras layer of the export (Keras has no built-in positional embedding). */
export const KERAS_POSITIONAL_EMBEDDING = `
@keras.utils.register_keras_serializable(package="backprop_studio")
class PositionalEmbedding(layers.Layer):
    """x [B, T, D] + a learned vector per position (table [max_len, D], uniform(-scale, scale))."""

    def __init__(self, max_len, dim, scale=0.05, **kwargs):
        super().__init__(**kwargs)
        self.max_len, self.dim, self.scale = max_len, dim, scale

    def build(self, input_shape):
        init = keras.initializers.RandomUniform(-self.scale, self.scale)
        self.table = self.add_weight(name="table", shape=(self.max_len, self.dim), initializer=init)

    def call(self, x):
        return x + self.table[: x.shape[1]]

    def get_config(self):
        return {**super().get_config(), "max_len": self.max_len, "dim": self.dim, "scale": self.scale}
`;

export const positionalEmbeddingLayer: LayerDescriptor<'PositionalEmbedding'> = {
  arity: 'one',
  infer: (_node, [x]) => {
    if (x.dtype === 'int32') return idsNeedEmbedding(x);
    if (x.shape.length !== 2) {
      return `needs a sequence [T, features] to add a vector per position to, but ${x.from} gives ${showShape(x.shape)}: put it right after an Embedding`;
    }
    return { shape: [...x.shape], dtype: 'float32' };
  },
  // one learned vector per position of the sequence
  paramShapes: (_node, [x]) => [{ name: 'table', shape: [x[0], x[1]] }],
  create: createPositionalEmbedding,
  card: () => 'learned, per position',
  perStep: false,
  pytorch: {
    module: (n) => {
      const [T, F] = n.inputShapes[0];
      return {
        ctor: `nn.Embedding(${T}, ${F})`,
        after: [],
        weights: [[`${n.id}.table`, `${n.name}.weight`]],
        init: [[`${n.name}.weight`, ...kernelInit(n.node.params.init, 'uniform')]],
        call: (m, x) => `${x} + ${m}.weight[: ${x}.shape[1]]`, // row t is position t's vector
        cells: [],
      };
    },
    forward: callModule,
  },
  keras: {
    call: (n, [x]) => {
      const [T, F] = n.inputShapes[0];
      const scale = n.node.params.init?.scale;
      return `PositionalEmbedding(${T}, ${F}${scale === undefined ? '' : `, scale=${pyNum(scale)}`}, name=${pyStr(n.id)})(${x})`;
    },
    weights: (n) => ({ layer: n.id, nodeId: n.id, directions: [''], arrays: '[get("table")]' }),
    classes: [KERAS_POSITIONAL_EMBEDDING],
  },
  // maxLen from the config: the cases also try sequences shorter than the table
  reference: {
    kind: 'positional_embedding',
    layer: (c, shape, dtype) =>
      new PositionalEmbeddingLayer('case', shape, c.num('maxLen'), dtype, new Rng(0)),
  },
};
