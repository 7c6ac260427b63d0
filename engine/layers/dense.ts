// Dense: y = act(x Wᵀ + b) on the last axis. A sequence [B, T, F] is treated as B·T rows of F, so
// the same code serves per-step outputs (a language model's head) and plain [B, F] inputs.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { reuse, shapeText } from '../kernels/buffers.ts';
import { mat } from '../kernels/index.ts';
import { type InitOverride, initKernel } from '../init.ts';
import type { Rng } from '../random.ts';
import { type DType, type FloatArray, type Tensor, zeros } from '../tensor.ts';
import { type ActivationName, activationBackward, applyActivation, saturatedShare } from './activations.ts';
import { kerasDenseInitArgs } from '../export/keras/init-args.ts';
import { KERAS_ACTIVATION } from '../export/keras/spec.ts';
import { type ForwardContext, inFeatures, type InitEntry, kernelInit } from '../export/pytorch/spec.ts';
import { pyStr } from '../export/python.ts';
import { idsNeedEmbedding } from '../shapes/flow.ts';
import { interruptibleGemm } from './chunked-gemm.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { type Layer, makeParam, type Param, type PassOptions } from './layer.ts';

/** Fully connected layer; params `W` [units, in] and `b` [units] (PyTorch Linear layout). */
export class DenseLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  readonly activation: ActivationName;
  private readonly W: Param;
  private readonly b: Param | null;
  private readonly inF: number;
  private readonly units: number;
  private x: Tensor | null = null; // last input (borrowed, not copied)
  private z: Tensor | null = null; // pre-activation; equals y for identity
  private y: Tensor | null = null;
  private dz: Tensor | null = null;
  private dx: Tensor | null = null;
  private sat: number | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    units: number,
    activation: ActivationName,
    useBias: boolean,
    readonly dtype: DType,
    rng: Rng,
    init?: InitOverride,
  ) {
    this.inF = inputShape[inputShape.length - 1];
    this.units = units;
    this.activation = activation;
    this.outputShape = [...inputShape.slice(0, -1), units];
    this.W = makeParam('W', [units, this.inF], dtype);
    initKernel(this.W.value.data, this.inF, units, rng, init);
    this.b = useBias ? makeParam('b', [units], dtype) : null;
    this.params = this.b ? [this.W, this.b] : [this.W];
  }

  /** y [..., units] from x [..., in]. */
  forward(inputs: Tensor[], opts: PassOptions): Tensor {
    const x = inputs[0];
    if (x.shape[x.shape.length - 1] !== this.inF) {
      throw new Error(
        `Dense '${this.nodeId}' expects ${this.inF} features on the last axis but got shape ${shapeText(x.shape)}`,
      );
    }
    this.x = x;
    const rows = x.data.length / this.inF;
    const outShape = [...x.shape.slice(0, -1), this.units];
    const z = reuse(this.z, outShape, this.dtype);
    this.z = z;
    // z [rows, units] = x [rows, in] · Wᵀ (in row blocks when the pass can be interrupted)
    interruptibleGemm(
      opts.interrupt,
      false,
      true,
      rows,
      this.units,
      this.inF,
      mat(x.data, this.inF),
      mat(this.W.value.data, this.inF),
      0,
      mat(z.data, this.units),
    );
    if (this.b) addRowVector(z.data, this.b.value.data, rows, this.units);
    if (this.activation === 'identity') {
      this.y = z;
    } else {
      this.y = reuse(this.y === z ? null : this.y, outShape, this.dtype);
      applyActivation(this.activation, z.data, this.y.data);
    }
    this.sat = opts.instrument ? saturatedShare(this.activation, this.y.data) : null;
    return this.y;
  }

  /** The pre-activation z of the last forward (the logits a fused sigmoid+BCE loss works on). */
  logits(): Tensor {
    if (!this.z) throw new Error(`Dense '${this.nodeId}': logits() before forward()`);
    return this.z;
  }

  /** dL/dx from dL/dy; adds dL/dW and dL/db into the grads. */
  backward(dOut: Tensor, opts: PassOptions): (Tensor | null)[] {
    if (!this.y) throw new Error(`Dense '${this.nodeId}': backward() before forward()`);
    if (this.activation === 'identity') return this.backwardFromLogits(dOut, opts);
    const dz = reuse(this.dz, dOut.shape, this.dtype);
    this.dz = dz;
    activationBackward(this.activation, this.y.data, dOut.data, dz.data);
    return this.backwardFromLogits(dz, opts);
  }

  /** Backward starting from dL/dz (skips the activation: used when the loss is fused with it). */
  backwardFromLogits(dz: Tensor, opts?: PassOptions): (Tensor | null)[] {
    const x = this.x!;
    const rows = x.data.length / this.inF;
    const check = opts?.interrupt;
    // dW [units, in] += dzᵀ [units, rows] · x [rows, in]
    interruptibleGemm(
      check,
      true,
      false,
      this.units,
      this.inF,
      rows,
      mat(dz.data, this.units),
      mat(x.data, this.inF),
      1,
      mat(this.W.grad.data, this.inF),
    );
    if (this.b) addColumnSums(this.b.grad.data, dz.data, rows, this.units);
    const dx = reuse(this.dx, x.shape, this.dtype);
    this.dx = dx;
    // dx [rows, in] = dz [rows, units] · W [units, in]
    interruptibleGemm(
      check,
      false,
      false,
      rows,
      this.inF,
      this.units,
      mat(dz.data, this.units),
      mat(this.W.value.data, this.inF),
      0,
      mat(dx.data, this.inF),
    );
    return [dx];
  }

  /** Share of saturated sigmoid/tanh outputs in the last instrumented forward. */
  saturation(): number | null {
    return this.sat;
  }
}

/** z[r, :] += b for every row r. */
function addRowVector(z: FloatArray, b: FloatArray, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) z[o + j] += b[j];
  }
}

/** g[j] += Σ_r dz[r, j]. */
function addColumnSums(g: FloatArray, dz: FloatArray, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) g[j] += dz[o + j];
  }
}

/** Registry factory for Dense nodes. */
export function createDense(
  node: NodeOfType<'Dense'>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
): Layer {
  const p = node.params;
  return new DenseLayer(
    node.id,
    inputShapes[0],
    p.units,
    p.activation ?? 'identity',
    p.useBias ?? true,
    dtype,
    rng,
    p.init as InitOverride | undefined,
  );
}

const TORCH_ACTIVATION: Record<string, string> = {
  relu: 'torch.relu',
  sigmoid: 'torch.sigmoid',
  tanh: 'torch.tanh',
};

/** forward() lines: the Linear, then the activation; a fused sigmoid output can stop at its logits. */
function denseForward(activation: string, ctx: ForwardContext): string[] {
  const act = TORCH_ACTIVATION[activation];
  const pre = ctx.call!(ctx.args[0]);
  const { out, shape } = ctx;
  if (!act) return [`        ${out} = ${pre}${shape}`];
  if (ctx.outputFusion === 'sigmoid') {
    return [
      `        ${out} = ${pre}${shape} (logits)`,
      '        if logits:',
      `            return ${out}`,
      `        ${out} = ${act}(${out})`,
    ];
  }
  return [`        ${out} = ${act}(${pre})${shape}`];
}

export const denseLayer: LayerDescriptor<'Dense'> = {
  arity: 'one',
  infer: (node, [x]) => {
    if (x.dtype === 'int32') return idsNeedEmbedding(x);
    return { shape: [...x.shape.slice(0, -1), node.params.units], dtype: 'float32' }; // acts on the last axis
  },
  paramShapes: (node, [x]) => {
    const units = node.params.units;
    const W = { name: 'W', shape: [units, x[x.length - 1]] };
    return node.params.useBias ? [W, { name: 'b', shape: [units] }] : [W];
  },
  create: createDense,
  card: (node) => {
    const p = node.params;
    return `${p.units} units · ${p.activation ?? 'identity'}${p.useBias === false ? ' · no bias' : ''}`;
  },
  perStep: false,
  pytorch: {
    module: (n) => {
      const { units, useBias, init } = n.node.params;
      const weights: [string, string][] = [[`${n.id}.W`, `${n.name}.weight`]];
      const inits: InitEntry[] = [[`${n.name}.weight`, ...kernelInit(init, 'glorot_uniform')]];
      if (useBias) {
        weights.push([`${n.id}.b`, `${n.name}.bias`]);
        inits.push([`${n.name}.bias`, 'zeros', 'None']);
      }
      return {
        ctor: `nn.Linear(${inFeatures(n)}, ${units}${useBias ? '' : ', bias=False'})`,
        after: [],
        weights,
        init: inits,
        call: (m, x) => `${m}(${x})`, // nn.Linear works on the last axis, so sequences stay sequences
        cells: [],
      };
    },
    forward: (n, ctx) => denseForward(n.node.params.activation, ctx),
  },
  keras: {
    call: (n, [x]) => {
      const p = n.node.params;
      const bias = p.useBias ? '' : ', use_bias=False';
      const init = kerasDenseInitArgs(n, p.units);
      return `layers.Dense(${p.units}, activation=${pyStr(KERAS_ACTIVATION[p.activation])}${bias}${init}, name=${pyStr(n.id)})(${x})`;
    },
    weights: (n) => ({
      layer: n.id,
      nodeId: n.id,
      directions: [''],
      arrays: n.node.params.useBias ? '[get("W").T, get("b")]' : '[get("W").T]',
    }),
  },
};
