// LayerNorm over the last axis, PyTorch nn.LayerNorm(D, eps) semantics: per row,
//   μ = mean(x), σ² = mean((x - μ)²) (biased), x̂ = (x - μ) / sqrt(σ² + eps), y = γ ⊙ x̂ + β.
// Backward (per row, D features, g = dL/dx̂ = dL/dy ⊙ γ, r = 1 / sqrt(σ² + eps)):
//   dL/dx = r · (g - mean(g) - x̂ · mean(g ⊙ x̂)),  dL/dγ += Σ_rows dL/dy ⊙ x̂,  dL/dβ += Σ_rows dL/dy.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { pyNum, pyStr } from '../export/python.ts';
import { callModule, inFeatures } from '../export/pytorch/spec.ts';
import { idsNeedEmbedding } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { reuse, shapeText } from '../kernels/buffers.ts';
import type { DType, Tensor } from '../tensor.ts';
import { type Layer, makeParam, type Param, type PassOptions } from './layer.ts';

/** y [..., D] = γ ⊙ normalize(x [..., D]) + β; params `gamma` [D] (ones) and `beta` [D] (zeros). */
export class LayerNormLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  private readonly dim: number;
  private readonly gamma: Param;
  private readonly beta: Param;
  private xhat: Tensor | null = null;
  private rstd: Float64Array | null = null; // 1 / sqrt(σ² + eps) per row, kept in float64
  private y: Tensor | null = null;
  private dx: Tensor | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    readonly eps: number,
    readonly dtype: DType,
  ) {
    this.dim = inputShape[inputShape.length - 1];
    this.outputShape = [...inputShape];
    this.gamma = makeParam('gamma', [this.dim], dtype);
    this.gamma.value.data.fill(1);
    this.beta = makeParam('beta', [this.dim], dtype);
    this.params = [this.gamma, this.beta];
  }

  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const x = inputs[0];
    const D = this.dim;
    if (x.shape[x.shape.length - 1] !== D) {
      throw new Error(
        `LayerNorm '${this.nodeId}' expects ${D} features on the last axis but got ${shapeText(x.shape)}`,
      );
    }
    const rows = x.data.length / D;
    const xhat = reuse(this.xhat, x.shape, this.dtype);
    const y = reuse(this.y, x.shape, this.dtype);
    this.xhat = xhat;
    this.y = y;
    if (this.rstd?.length !== rows) this.rstd = new Float64Array(rows);
    const g = this.gamma.value.data;
    const b = this.beta.value.data;
    for (let r = 0; r < rows; r++) {
      const o = r * D;
      // two passes (mean, then squared deviations): stable when |mean| >> std
      let mean = 0;
      for (let j = 0; j < D; j++) mean += x.data[o + j];
      mean /= D;
      let v = 0;
      for (let j = 0; j < D; j++) {
        const d = x.data[o + j] - mean;
        v += d * d;
      }
      const rstd = 1 / Math.sqrt(v / D + this.eps);
      this.rstd[r] = rstd;
      for (let j = 0; j < D; j++) {
        const h = (x.data[o + j] - mean) * rstd;
        xhat.data[o + j] = h;
        y.data[o + j] = g[j] * h + b[j];
      }
    }
    return y;
  }

  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    const xhat = this.xhat;
    const rstd = this.rstd;
    if (!xhat || !rstd) throw new Error(`LayerNorm '${this.nodeId}': backward() before forward()`);
    const D = this.dim;
    const rows = xhat.data.length / D;
    const dx = reuse(this.dx, xhat.shape, this.dtype);
    this.dx = dx;
    const g = this.gamma.value.data;
    const dg = this.gamma.grad.data;
    const db = this.beta.grad.data;
    const dy = dOut.data;
    const h = xhat.data;
    for (let r = 0; r < rows; r++) {
      const o = r * D;
      let sumG = 0; // Σ_j dL/dx̂_j
      let sumGH = 0; // Σ_j dL/dx̂_j · x̂_j
      for (let j = 0; j < D; j++) {
        const gj = dy[o + j] * g[j];
        sumG += gj;
        sumGH += gj * h[o + j];
        dg[j] += dy[o + j] * h[o + j];
        db[j] += dy[o + j];
      }
      const mG = sumG / D;
      const mGH = sumGH / D;
      for (let j = 0; j < D; j++) dx.data[o + j] = rstd[r] * (dy[o + j] * g[j] - mG - h[o + j] * mGH);
    }
    return [dx];
  }
}

/** Registry factory for LayerNorm nodes. */
export function createLayerNorm(node: NodeOfType<'LayerNorm'>, inputShapes: number[][], dtype: DType): Layer {
  return new LayerNormLayer(node.id, inputShapes[0], node.params.eps, dtype);
}

export const layerNormLayer: LayerDescriptor<'LayerNorm'> = {
  arity: 'one',
  infer: (_node, [x]) =>
    x.dtype === 'int32' ? idsNeedEmbedding(x) : { shape: [...x.shape], dtype: 'float32' },
  // gamma and beta, one per feature of the last axis (Keras LayerNormalization: 2 x features)
  paramShapes: (_node, [x]) => [
    { name: 'gamma', shape: [x[x.length - 1]] },
    { name: 'beta', shape: [x[x.length - 1]] },
  ],
  create: createLayerNorm,
  card: (node) => `last axis · eps ${node.params.eps}`,
  workValues: (_node, [x]) => x.reduce((a, b) => a * b, 1), // the normalized input x̂
  perStep: false,
  pytorch: {
    // nn.LayerNorm starts at weight 1, bias 0 like ours: nothing to re-initialize
    module: (n) => ({
      ctor: `nn.LayerNorm(${inFeatures(n)}, eps=${pyNum(n.node.params.eps)})`,
      after: [],
      weights: [
        [`${n.id}.gamma`, `${n.name}.weight`],
        [`${n.id}.beta`, `${n.name}.bias`],
      ],
      init: [],
      call: (m, x) => `${m}(${x})`,
      cells: [],
    }),
    forward: callModule,
  },
  keras: {
    // Keras's default epsilon is 1e-3: ours is passed explicitly
    call: (n, [x]) =>
      `layers.LayerNormalization(axis=-1, epsilon=${pyNum(n.node.params.eps)}, name=${pyStr(n.id)})(${x})`,
    weights: (n) => ({ layer: n.id, nodeId: n.id, directions: [''], arrays: '[get("gamma"), get("beta")]' }),
  },
  reference: {
    kind: 'layer_norm',
    layer: (c, shape, dtype) => new LayerNormLayer('case', shape, c.num('eps'), dtype),
  },
};
