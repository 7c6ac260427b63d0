// Dropout (inverted, as PyTorch nn.Dropout): in train mode each element is kept with probability
// 1 - rate and scaled by 1 / (1 - rate), so the expected output equals the input and eval mode is
// the identity. Masks are a pure function of (node seed, optimizer step): the same seed gives the
// same run, and re-running a step sees the same mask.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { pyNum, pyStr } from '../export/python.ts';
import { callModule } from '../export/pytorch/spec.ts';
import { idsNeedEmbedding } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { reuse } from '../kernels/buffers.ts';
import { Rng } from '../random.ts';
import type { DType, FloatArray, Tensor } from '../tensor.ts';
import type { Layer, PassOptions } from './layer.ts';

/** x -> x ⊙ mask / (1 - rate) in train mode, x in eval mode; no params, any shape. */
export class DropoutLayer implements Layer {
  readonly params = [];
  readonly outputShape: number[];
  private readonly seed: number;
  /** per element 0 or 1 / (1 - rate) from the last train-mode forward; null after an eval forward */
  private scale: Tensor | null = null;
  private active = false;
  private y: Tensor | null = null;
  private dx: Tensor | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    readonly rate: number,
    readonly dtype: DType,
    rng: Rng,
  ) {
    if (!(rate >= 0 && rate < 1)) {
      throw new Error(`Dropout '${nodeId}': rate must be at least 0 and below 1, got ${rate}`);
    }
    this.outputShape = [...inputShape];
    this.seed = Math.floor(rng.next() * 4294967296);
  }

  forward(inputs: Tensor[], opts: PassOptions): Tensor {
    const x = inputs[0];
    this.active = opts.training === true && this.rate > 0;
    if (!this.active) return x; // eval mode (or rate 0): the identity, no copy
    const scale = reuse(this.scale, x.shape, this.dtype);
    this.scale = scale;
    const rng = new Rng(maskSeed(this.seed, opts.step ?? 0));
    // a shard of a batch draws the batch's mask from its first row on: the same mask, split
    if (opts.rowOffset) rng.skip(opts.rowOffset * (x.data.length / x.shape[0]));
    drawMask(rng, this.rate, scale.data);
    return this.applyScale(x);
  }

  /**
   * A train-mode forward with a given keep mask (1 = keep, 0 = drop, shaped like x) instead of a
   * drawn one: the reference harness replays PyTorch's mask with it.
   */
  forwardWithMask(x: Tensor, keep: ArrayLike<number>): Tensor {
    if (keep.length !== x.data.length) {
      throw new Error(
        `Dropout '${this.nodeId}': the mask has ${keep.length} values, the input ${x.data.length}`,
      );
    }
    const scale = reuse(this.scale, x.shape, this.dtype);
    this.scale = scale;
    const k = 1 / (1 - this.rate);
    for (let i = 0; i < keep.length; i++) scale.data[i] = keep[i] !== 0 ? k : 0;
    this.active = true;
    return this.applyScale(x);
  }

  /** dL/dx = dL/dy ⊙ mask / (1 - rate) (train mode) or dL/dy (eval mode). */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    if (!this.active) return [dOut];
    const dx = reuse(this.dx, dOut.shape, this.dtype);
    this.dx = dx;
    const s = this.scale!.data;
    for (let i = 0; i < s.length; i++) dx.data[i] = dOut.data[i] * s[i];
    return [dx];
  }

  private applyScale(x: Tensor): Tensor {
    const y = reuse(this.y, x.shape, this.dtype);
    this.y = y;
    const s = this.scale!.data;
    for (let i = 0; i < s.length; i++) y.data[i] = x.data[i] * s[i];
    return y;
  }
}

/** scale[i] = 1 / (1 - rate) with probability 1 - rate, else 0. */
function drawMask(rng: Rng, rate: number, scale: FloatArray): void {
  const k = 1 / (1 - rate);
  for (let i = 0; i < scale.length; i++) scale[i] = rng.next() < rate ? 0 : k;
}

/** The mask stream of one step: the node's seed mixed with the step (a golden-ratio multiple). */
function maskSeed(seed: number, step: number): number {
  return (seed ^ Math.imul(step + 1, 0x9e3779b1)) >>> 0;
}

/** Registry factory for Dropout nodes. */
export function createDropout(
  node: NodeOfType<'Dropout'>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
): Layer {
  return new DropoutLayer(node.id, inputShapes[0], node.params.rate, dtype, rng);
}

export const dropoutLayer: LayerDescriptor<'Dropout'> = {
  arity: 'one',
  infer: (_node, [x]) =>
    x.dtype === 'int32' ? idsNeedEmbedding(x) : { shape: [...x.shape], dtype: 'float32' },
  paramShapes: () => [],
  create: createDropout,
  card: (node) => `rate ${node.params.rate}`,
  workValues: (_node, [x]) => x.reduce((a, b) => a * b, 1), // the mask
  perStep: false,
  pytorch: {
    // nn.Dropout follows model.train() / model.eval(): the generated train and predict set them
    module: (n) => ({
      ctor: `nn.Dropout(${pyNum(n.node.params.rate)})`,
      after: [],
      weights: [],
      init: [],
      call: (m, x) => `${m}(${x})`,
      cells: [],
    }),
    forward: callModule,
  },
  keras: {
    // Keras applies it in fit() only; predict calls the model with training=False
    call: (n, [x]) => `layers.Dropout(${pyNum(n.node.params.rate)}, name=${pyStr(n.id)})(${x})`,
    weights: () => null,
    notes: (n) => [
      `node '${n.id}' (Dropout): Keras draws its own masks (same rate, same 1 / (1 - rate) scaling), so training steps differ in which values are dropped`,
    ],
  },
  // the case replays PyTorch's keep mask (inputs.mask) through forwardWithMask
  reference: {
    kind: 'dropout',
    layer: (c, shape, dtype) => new DropoutLayer('case', shape, c.num('rate'), dtype, new Rng(0)),
  },
};
