// Embedding: a lookup table. Token ids arrive as exact integers in a float array; the output row for
// a token is a copy of its table row. Backward is sparse: only the rows that were looked up receive
// gradient, and a token seen several times accumulates each use (+=).
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { reuse } from '../kernels/buffers.ts';
import type { Rng } from '../random.ts';
import type { DType, Tensor } from '../tensor.ts';
import { type InitOverride, initKernel } from '../init.ts';
import { callModule, kernelInit } from '../export/pytorch/spec.ts';
import { pyStr } from '../export/python.ts';
import { showShape } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { makeParam } from './layer.ts';
import type { Layer, Param, PassOptions } from './layer.ts';
import { TouchedRows } from './touched-rows.ts';

/** Token ids [...] -> vectors [..., dim]; param `table` [vocabSize, dim]. */
export class EmbeddingLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  private readonly table: Param;
  private ids: Tensor | null = null;
  private y: Tensor | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    private readonly vocabSize: number,
    private readonly dim: number,
    readonly dtype: DType,
    rng: Rng,
    init?: InitOverride,
  ) {
    this.outputShape = [...inputShape, dim];
    this.table = makeParam('table', [vocabSize, dim], dtype);
    // Keras's Embedding default is uniform(-0.05, 0.05), not glorot.
    initKernel(
      this.table.value.data,
      dim,
      vocabSize,
      rng,
      init?.kernel ? init : { kernel: 'uniform', ...init },
    );
    this.touched = new TouchedRows(vocabSize, dim, this.table.grad.data);
    this.table.sparse = this.touched;
    this.params = [this.table];
  }

  private readonly touched: TouchedRows;

  /** y[..., :] = table[ids[...], :]. */
  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const ids = inputs[0];
    const n = ids.data.length;
    for (let i = 0; i < n; i++) {
      const id = ids.data[i];
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
        throw new Error(
          `Embedding '${this.nodeId}': token id ${id} (position ${i}) is not a whole number from 0 to ${this.vocabSize - 1}; ` +
            'check vocabSize or the dataset',
        );
      }
    }
    this.ids = ids;
    const y = reuse(this.y, [...ids.shape, this.dim], this.dtype);
    this.y = y;
    const D = this.dim;
    const t = this.table.value.data;
    for (let i = 0; i < n; i++) {
      const row = ids.data[i] * D;
      for (let j = 0; j < D; j++) y.data[i * D + j] = t[row + j];
    }
    return y;
  }

  /** Adds dOut rows into the table rows that were looked up; ids carry no gradient. */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    const ids = this.ids!;
    const D = this.dim;
    const g = this.table.grad.data;
    for (let i = 0; i < ids.data.length; i++) {
      this.touched.add(ids.data[i]);
      const row = ids.data[i] * D;
      for (let j = 0; j < D; j++) g[row + j] += dOut.data[i * D + j];
    }
    return [null];
  }
}

/** Registry factory for Embedding nodes. */
export function createEmbedding(
  node: NodeOfType<'Embedding'>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
): Layer {
  const p = node.params;
  return new EmbeddingLayer(
    node.id,
    inputShapes[0],
    p.vocabSize,
    p.dim,
    dtype,
    rng,
    p.init as InitOverride | undefined,
  );
}

export const embeddingLayer: LayerDescriptor<'Embedding'> = {
  arity: 'one',
  infer: (node, [x]) => {
    if (x.dtype !== 'int32') {
      return `needs int32 token ids, but ${x.from} gives float32 values: set the Input's dtype to "int32" (or remove the Embedding)`;
    }
    if (x.shape.length !== 1) {
      return `needs a sequence of token ids [T], but ${x.from} gives ${showShape(x.shape)}: give the Input one dimension, the sequence length`;
    }
    return { shape: [x.shape[0], node.params.dim], dtype: 'float32' };
  },
  // one dim-vector per token id
  paramShapes: (node) => [{ name: 'table', shape: [node.params.vocabSize, node.params.dim] }],
  create: createEmbedding,
  card: (node) => `vocab ${node.params.vocabSize} · dim ${node.params.dim}`,
  perStep: false,
  tokenLimit: (node) => node.params.vocabSize,
  pytorch: {
    module: (n) => ({
      ctor: `nn.Embedding(${n.node.params.vocabSize}, ${n.node.params.dim})`,
      after: [],
      weights: [[`${n.id}.table`, `${n.name}.weight`]],
      // Keras's Embedding default is uniform(-0.05, 0.05)
      init: [[`${n.name}.weight`, ...kernelInit(n.node.params.init, 'uniform')]],
      call: (m, x) => `${m}(${x})`,
      cells: [],
    }),
    forward: callModule,
  },
  keras: {
    call: (n, [x]) =>
      `layers.Embedding(${n.node.params.vocabSize}, ${n.node.params.dim}, name=${pyStr(n.id)})(${x})`,
    weights: (n) => ({ layer: n.id, nodeId: n.id, directions: [''], arrays: '[get("table")]' }),
  },
};
