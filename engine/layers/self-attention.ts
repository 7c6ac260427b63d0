// Single-head scaled dot-product self-attention on a sequence x [B, T, D], with the semantics of
// PyTorch nn.MultiheadAttention(num_heads=1) (and Keras MultiHeadAttention(num_heads=1)):
//   [Q | K | V] = x W_qkvᵀ + b_qkv          Q, K, V [B, T, U]   (W_qkv [3U, D]: rows q, k, v)
//   S = Q Kᵀ / sqrt(U)                      [B, T, T]  (causal: S[i, j] = -inf for j > i)
//   A = softmax(S) over the key axis j      the attention weights; each row sums to 1
//   C = A V                                  [B, T, U]
//   y = C W_oᵀ + b_o                         [B, T, U]  (returnSequences false: y at t = T only)
// Backward, per batch row (dY given; ⊙ elementwise):
//   dW_o += dYᵀ C, db_o += Σ dY, dC = dY W_o
//   dA = dC Vᵀ, dV = Aᵀ dC
//   dS = A ⊙ (dA - rowsum(dA ⊙ A))           (softmax Jacobian; masked entries have A = 0, so dS = 0)
//   dQ = dS K / sqrt(U), dK = dSᵀ Q / sqrt(U)
//   dW_qkv += d[Q|K|V]ᵀ x, db_qkv += Σ d[Q|K|V], dx = d[Q|K|V] W_qkv
// Instrumented like the recurrent layers: ||dL/dx_t|| over the batch for every position t, i.e. how
// much gradient reaches the token at t (with attention it need not shrink with distance).
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { pyBool, pyStr } from '../export/python.ts';
import { callModule, inFeatures, kernelInit } from '../export/pytorch/spec.ts';
import { idsNeedEmbedding, showShape } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { shapeText } from '../kernels/buffers.ts';
import { kernels, mat } from '../kernels/index.ts';
import { type InitOverride, initKernel } from '../init.ts';
import { Rng } from '../random.ts';
import { allocArray, type DType, type FloatArray, type Tensor } from '../tensor.ts';
import { type Layer, makeParam, type Param, type PassOptions } from './layer.ts';

/** What a SelfAttention layer is built from. */
export interface SelfAttentionConfig {
  units: number;
  causal: boolean;
  returnSequences: boolean;
}

/** Self-attention [B, T, D] -> [B, T, U] (or [B, U]); params W_qkv [3U, D], b_qkv [3U], W_o [U, U], b_o [U]. */
export class SelfAttentionLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  private readonly U: number;
  private readonly D: number;
  private readonly scale: number;
  private readonly Wqkv: Param;
  private readonly bqkv: Param;
  private readonly Wo: Param;
  private readonly bo: Param;
  private x: Tensor | null = null;
  private readonly buf = new Map<string, FloatArray>();
  private norms: number[] | null = null;

  constructor(
    readonly nodeId: string,
    inputShape: number[],
    readonly cfg: SelfAttentionConfig,
    readonly dtype: DType,
    rng: Rng,
    init?: InitOverride,
  ) {
    const [T, D] = inputShape;
    const U = cfg.units;
    this.U = U;
    this.D = D;
    this.scale = 1 / Math.sqrt(U);
    this.outputShape = cfg.returnSequences ? [T, U] : [U];
    this.Wqkv = makeParam('W_qkv', [3 * U, D], dtype);
    // q, k and v are three Dense(D -> U) kernels stacked: each gets its own glorot draw
    for (let k = 0; k < 3; k++)
      initKernel(this.Wqkv.value.data.subarray(k * U * D, (k + 1) * U * D), D, U, rng, init);
    this.bqkv = makeParam('b_qkv', [3 * U], dtype);
    this.Wo = makeParam('W_o', [U, U], dtype);
    initKernel(this.Wo.value.data, U, U, rng, init);
    this.bo = makeParam('b_o', [U], dtype);
    this.params = [this.Wqkv, this.bqkv, this.Wo, this.bo];
  }

  /** y [B, T, U] (returnSequences) or [B, U] from x [B, T, D]. */
  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const x = inputs[0];
    if (x.shape.length !== 3 || x.shape[2] !== this.D || x.shape[1] < 1) {
      throw new Error(
        `SelfAttention '${this.nodeId}' expects a sequence [batch, steps, ${this.D}], got ${shapeText(x.shape)}`,
      );
    }
    const [B, T] = x.shape;
    const { U, D } = this;
    const rows = B * T;
    const k = kernels();
    const qkv = this.get('qkv', rows * 3 * U);
    k.gemm(false, true, rows, 3 * U, D, mat(x.data, D), mat(this.Wqkv.value.data, D), 0, mat(qkv, 3 * U));
    addRowVector(qkv, this.bqkv.value.data, rows, 3 * U);
    const A = this.get('A', B * T * T);
    const C = this.get('C', rows * U);
    for (let b = 0; b < B; b++) {
      const o = b * T * 3 * U;
      const Ab = mat(A, T, b * T * T);
      k.gemm(false, true, T, T, U, mat(qkv, 3 * U, o), mat(qkv, 3 * U, o + U), 0, Ab); // S = Q Kᵀ
      this.softmaxScores(A, b * T * T, T);
      k.gemm(false, false, T, U, T, Ab, mat(qkv, 3 * U, o + 2 * U), 0, mat(C, U, b * T * U)); // C = A V
    }
    const y = this.get('y', rows * U);
    k.gemm(false, true, rows, U, U, mat(C, U), mat(this.Wo.value.data, U), 0, mat(y, U));
    addRowVector(y, this.bo.value.data, rows, U);
    this.x = x;
    this.norms = null;
    if (this.cfg.returnSequences) return { shape: [B, T, U], data: y };
    const last = this.get('last', B * U);
    for (let b = 0; b < B; b++) last.set(y.subarray(((b + 1) * T - 1) * U, (b + 1) * T * U), b * U);
    return { shape: [B, U], data: last };
  }

  /** dL/dx from dL/dy; adds into every param's grad. */
  backward(dOut: Tensor, opts: PassOptions): (Tensor | null)[] {
    const x = this.x;
    if (!x) throw new Error(`SelfAttention '${this.nodeId}': backward() before forward()`);
    const [B, T] = x.shape;
    const { U, D } = this;
    const rows = B * T;
    const k = kernels();
    const dY = this.fullGrad(dOut, B, T);
    const C = this.get('C', rows * U);
    const qkv = this.get('qkv', rows * 3 * U);
    const A = this.get('A', B * T * T);
    // output projection
    k.gemm(true, false, U, U, rows, mat(dY, U), mat(C, U), 1, mat(this.Wo.grad.data, U));
    addColumnSums(this.bo.grad.data, dY, rows, U);
    const dC = this.get('dC', rows * U);
    k.gemm(false, false, rows, U, U, mat(dY, U), mat(this.Wo.value.data, U), 0, mat(dC, U));
    // attention, one batch row at a time
    const dqkv = this.get('dqkv', rows * 3 * U);
    const dS = this.get('dS', T * T);
    for (let b = 0; b < B; b++) {
      const o = b * T * 3 * U;
      const dCb = mat(dC, U, b * T * U);
      k.gemm(false, true, T, T, U, dCb, mat(qkv, 3 * U, o + 2 * U), 0, mat(dS, T)); // dA = dC Vᵀ
      k.gemm(true, false, T, U, T, mat(A, T, b * T * T), dCb, 0, mat(dqkv, 3 * U, o + 2 * U)); // dV = Aᵀ dC
      this.softmaxBackward(A, b * T * T, dS, T); // dS (scaled by 1/sqrt(U)) in place of dA
      k.gemm(false, false, T, U, T, mat(dS, T), mat(qkv, 3 * U, o + U), 0, mat(dqkv, 3 * U, o)); // dQ = dS K
      k.gemm(true, false, T, U, T, mat(dS, T), mat(qkv, 3 * U, o), 0, mat(dqkv, 3 * U, o + U)); // dK = dSᵀ Q
    }
    // input projection
    k.gemm(true, false, 3 * U, D, rows, mat(dqkv, 3 * U), mat(x.data, D), 1, mat(this.Wqkv.grad.data, D));
    addColumnSums(this.bqkv.grad.data, dqkv, rows, 3 * U);
    const dx = this.get('dx', rows * D);
    k.gemm(false, false, rows, D, 3 * U, mat(dqkv, 3 * U), mat(this.Wqkv.value.data, D), 0, mat(dx, D));
    this.norms = opts.instrument ? positionNorms(dx, B, T, D) : null;
    return [{ shape: [B, T, D], data: dx }];
  }

  /** ||dL/dx_t|| over the batch for t = 1..T from the last instrumented backward (null otherwise). */
  timestepGradNorms(): number[] | null {
    return this.norms;
  }

  /** The attention weights A [B, T, T] of the last forward (a copy), or null before any forward. */
  attentionWeights(): Tensor | null {
    const x = this.x;
    if (!x) return null;
    const [B, T] = x.shape;
    const data = allocArray(this.dtype, B * T * T);
    data.set(this.get('A', B * T * T));
    return { shape: [B, T, T], data };
  }

  // Row-wise over the T×T block at `off`: A = softmax(S / sqrt(U)) with the causal mask applied.
  private softmaxScores(A: FloatArray, off: number, T: number): void {
    const s = this.scale;
    for (let i = 0; i < T; i++) {
      const r = off + i * T;
      const n = this.cfg.causal ? i + 1 : T; // keys this query may see
      let max = -Infinity;
      for (let j = 0; j < n; j++) if (A[r + j] * s > max) max = A[r + j] * s;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const e = Math.exp(A[r + j] * s - max);
        A[r + j] = e;
        sum += e;
      }
      for (let j = 0; j < n; j++) A[r + j] /= sum;
      for (let j = n; j < T; j++) A[r + j] = 0;
    }
  }

  // dS = A ⊙ (dA - rowsum(dA ⊙ A)) / sqrt(U), written over dA (the T×T scratch).
  private softmaxBackward(A: FloatArray, off: number, dA: FloatArray, T: number): void {
    for (let i = 0; i < T; i++) {
      const r = i * T;
      let dot = 0;
      for (let j = 0; j < T; j++) dot += dA[r + j] * A[off + r + j];
      for (let j = 0; j < T; j++) dA[r + j] = A[off + r + j] * (dA[r + j] - dot) * this.scale;
    }
  }

  // dL/dy over every position: dOut itself, or (last output only) zeros except at t = T.
  private fullGrad(dOut: Tensor, B: number, T: number): FloatArray {
    const U = this.U;
    const want = this.cfg.returnSequences ? B * T * U : B * U;
    if (dOut.data.length !== want) {
      throw new Error(
        `SelfAttention '${this.nodeId}': gradient has ${dOut.data.length} values, the output has ${want}`,
      );
    }
    if (this.cfg.returnSequences) return dOut.data;
    const dY = this.get('dYfull', B * T * U);
    dY.fill(0);
    for (let b = 0; b < B; b++) dY.set(dOut.data.subarray(b * U, (b + 1) * U), ((b + 1) * T - 1) * U);
    return dY;
  }

  // A scratch array of exactly n values, kept across steps (reallocated when the batch changes).
  private get(name: string, n: number): FloatArray {
    let a = this.buf.get(name);
    if (a?.length !== n) {
      a = allocArray(this.dtype, n);
      this.buf.set(name, a);
    }
    return a;
  }
}

/** ||dx[:, t, :]|| for every t of dx [B, T, D]. */
function positionNorms(dx: FloatArray, B: number, T: number, D: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let b = 0; b < B; b++) {
      const o = (b * T + t) * D;
      for (let j = 0; j < D; j++) s += dx[o + j] * dx[o + j];
    }
    out.push(Math.sqrt(s));
  }
  return out;
}

/** z[r, :] += b for every row r. */
function addRowVector(z: FloatArray, b: FloatArray, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) z[r * n + j] += b[j];
}

/** g[j] += Σ_r dz[r, j]. */
function addColumnSums(g: FloatArray, dz: FloatArray, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) g[j] += dz[r * n + j];
}

/** Registry factory for SelfAttention nodes. */
export function createSelfAttention(
  node: NodeOfType<'SelfAttention'>,
  inputShapes: number[][],
  dtype: DType,
  rng: Rng,
): Layer {
  const p = node.params;
  const cfg = { units: p.units, causal: p.causal, returnSequences: p.returnSequences };
  return new SelfAttentionLayer(node.id, inputShapes[0], cfg, dtype, rng, p.init as InitOverride | undefined);
}

/** The PyTorch module of the export (written into the file once; TorchScript- and ONNX-friendly). */
export const TORCH_SELF_ATTENTION = `
class SelfAttention(nn.Module):
    """Single-head scaled dot-product self-attention, x [B, T, D] -> [B, T, units]: the math of
    nn.MultiheadAttention(units, num_heads=1) with a [3*units, D] input projection (rows q, k, v),
    so D need not equal units. causal: position i attends to positions <= i only."""

    def __init__(self, in_features, units, causal):
        super().__init__()
        self.units = units
        self.causal = causal
        self.qkv = nn.Linear(in_features, 3 * units)
        self.out = nn.Linear(units, units)

    def forward(self, x):
        q, k, v = self.qkv(x).split(self.units, dim=-1)  # [B, T, units] each
        scores = q @ k.transpose(-1, -2) * self.units**-0.5  # [B, T, T]
        if self.causal:
            t = x.shape[1]
            later = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(later, float("-inf"))  # no peeking ahead
        return self.out(torch.softmax(scores, dim=-1) @ v)
`;

export const selfAttentionLayer: LayerDescriptor<'SelfAttention'> = {
  arity: 'one',
  infer: (node, [x]) => {
    if (x.dtype === 'int32') return idsNeedEmbedding(x);
    if (x.shape.length !== 2) {
      return `needs a sequence [T, features] (one vector per position), but ${x.from} gives ${showShape(x.shape)}: feed it from an Embedding or a layer with returnSequences: true`;
    }
    const { units, returnSequences } = node.params;
    return { shape: returnSequences ? [x.shape[0], units] : [units], dtype: 'float32' };
  },
  // Keras MultiHeadAttention(1 head, key_dim = value_dim = output = units): q, k, v kernels and
  // biases, then the output kernel and bias
  paramShapes: (node, [x]) => {
    const u = node.params.units;
    return [
      { name: 'W_qkv', shape: [3 * u, x[x.length - 1]] },
      { name: 'b_qkv', shape: [3 * u] },
      { name: 'W_o', shape: [u, u] },
      { name: 'b_o', shape: [u] },
    ];
  },
  create: createSelfAttention,
  card: (node) => {
    const parts = [`${node.params.units} units`];
    if (node.params.causal) parts.push('causal');
    if (node.params.returnSequences) parts.push('seq');
    return parts.join(' · ');
  },
  // q, k, v, the context, the full output and their gradients (about 10·T·u) and the [T, T] weights
  workValues: (node, [x]) => 10 * x[0] * node.params.units + x[0] * x[0],
  perStep: true,
  perStepOf: 'x_t', // no hidden state: the gradient reaching each input position
  pytorch: {
    module: (n) => {
      const { units: u, causal, returnSequences, init } = n.node.params;
      return {
        ctor: `SelfAttention(${inFeatures(n)}, ${u}, causal=${pyBool(causal)})`,
        after: [],
        weights: [
          [`${n.id}.W_qkv`, `${n.name}.qkv.weight`],
          [`${n.id}.b_qkv`, `${n.name}.qkv.bias`],
          [`${n.id}.W_o`, `${n.name}.out.weight`],
          [`${n.id}.b_o`, `${n.name}.out.bias`],
        ],
        init: [
          [`${n.name}.qkv.weight`, ...kernelInit(init, 'glorot_uniform')],
          [`${n.name}.qkv.bias`, 'zeros', 'None'],
          [`${n.name}.out.weight`, ...kernelInit(init, 'glorot_uniform')],
          [`${n.name}.out.bias`, 'zeros', 'None'],
        ],
        call: (m, x) => (returnSequences ? `${m}(${x})` : `${m}(${x})[:, -1]`),
        cells: [],
        classes: [TORCH_SELF_ATTENTION],
      };
    },
    forward: callModule,
  },
  keras: {
    call: (n, [x]) => {
      const { units: u, causal, returnSequences } = n.node.params;
      // one head, key_dim = value_dim = output size = units: the same parameters as ours
      const mha = `layers.MultiHeadAttention(num_heads=1, key_dim=${u}, value_dim=${u}, output_shape=${u}, name=${pyStr(n.id)})(${x}, ${x}, use_causal_mask=${pyBool(causal)})`;
      return returnSequences
        ? mha
        : `layers.Lambda(lambda t: t[:, -1], name=${pyStr(`${n.id}_last`)})(${mha})`;
    },
    notes: (n) => {
      const u = n.node.params.units;
      const f = inFeatures(n);
      const limit = (a: number, b: number) => Math.sqrt(6 / (a + b)).toPrecision(3);
      return [
        `node '${n.id}' (SelfAttention): Keras's MultiHeadAttention draws each q, k, v kernel [${f}, 1, ${u}] glorot-uniform with its own fans (${f}, ${u * f}), limit ${limit(f, u * f)}; Backprop Studio draws the stacked [${3 * u}, ${f}] matrix (as nn.MultiheadAttention) with limit ${limit(f, 3 * u)}; load a Backprop Studio weights file (--weights) for the same start`,
      ];
    },
    // Keras: q, k, v kernels [F, 1, u] (ours transposed), biases [1, u]; output kernel [1, u, u], bias [u]
    weights: (n) => {
      const u = n.node.params.units;
      const f = inFeatures(n);
      const qkv = [0, 1, 2].map(
        (k) =>
          `get("W_qkv")[${k * u}:${(k + 1) * u}].T.reshape(${f}, 1, ${u}), get("b_qkv")[${k * u}:${(k + 1) * u}].reshape(1, ${u})`,
      );
      return {
        layer: n.id,
        nodeId: n.id,
        directions: [''],
        arrays: `[${qkv.join(', ')}, get("W_o").T.reshape(1, ${u}, ${u}), get("b_o")]`,
      };
    },
  },
  reference: {
    kind: 'self_attention',
    layer: (c, shape, dtype) => {
      const cfg = {
        units: c.num('units'),
        causal: c.bool('causal'),
        returnSequences: c.bool('returnSequences'),
      };
      return new SelfAttentionLayer('case', shape, cfg, dtype, new Rng(0));
    },
  },
};
