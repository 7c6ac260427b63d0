// The lecture's prototype LSTM: one state s, write (i), forget (f) and read (o) gates, order i, f, c, o.
//   i = σ(s_{t-1} W_iᵀ + x U_iᵀ + b_i)   f = σ(...W_f...)   o = σ(...W_o...)
//   s~ = tanh((o⊙s_{t-1}) W_cᵀ + x U_cᵀ + b_c)            s_t = f⊙s_{t-1} + i⊙s~
// The read gate acts on the previous state INSIDE the candidate, so the c block of W_hh multiplies
// r = o⊙s_{t-1} (kept in aux) while the i, f, o blocks multiply s_{t-1}. Backward:
//   δz_c = ds⊙i⊙(1-s~²);  δz_i = ds⊙s~⊙i(1-i);  δz_f = ds⊙s_{t-1}⊙f(1-f)
//   dr = δz_c W_c;  δz_o = dr⊙s_{t-1}⊙o(1-o)
//   ds_{t-1} = ds⊙f + dr⊙o + δz_{i,f} W_{i,f} + δz_o W_o;  dW_c += δz_cᵀ r,  dW_{i,f,o} += δzᵀ s_{t-1}.
import { type Kernels, kernels } from '../../kernels/index.ts';
import type { DType } from '../../tensor.ts';
import type { Param } from '../layer.ts';
import type { Cell, CellNeeds, SeqBuffers } from './cell.ts';
import type { FloatArray } from '../../tensor.ts';
import { countSaturated, matView, sigmoid, stepView } from './cell.ts';
import { makeParam } from '../layer.ts';

/** A prototype-LSTM step: W_ih [4H, I] (the U's), W_hh [4H, H] (the W's), b [4H], order i, f, c, o. */
export class PrototypeLstmCell implements Cell {
  readonly gates = 4;
  // aux keeps r = o⊙s_{t-1}; with a workspace dW_hh is summed in a resident array (dW)
  readonly needs: CellNeeds;
  readonly params: Param[];
  readonly wIh: Param;
  readonly wHh: Param;
  readonly inputBias: Param;

  constructor(H: number, I: number, dtype: DType) {
    this.wIh = makeParam('W_ih', [4 * H, I], dtype);
    this.wHh = makeParam('W_hh', [4 * H, H], dtype);
    this.inputBias = makeParam('b', [4 * H], dtype);
    this.params = [this.wIh, this.wHh, this.inputBias];
    this.needs = { cellState: false, aux: true, resident: { dW: 4 * H * H } };
  }

  /** W_hh as the step products read it: the workspace's resident copy, or the param itself. */
  private w: FloatArray | null = null;

  beginPass(s: SeqBuffers, backward: boolean): void {
    this.w = s.ws ? s.ws.setRecurrentWeights(this.wHh.value.data) : this.wHh.value.data;
    if (s.ws && backward) s.extra.dW.fill(0);
  }

  endBackward(s: SeqBuffers): void {
    if (!s.ws) return;
    const g = this.wHh.grad.data;
    const d = s.extra.dW;
    for (let j = 0; j < g.length; j++) g[j] += d[j];
  }

  forwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, h, aux, ws } = s;
    const G = 4 * H;
    const k = ws ? ws.kernels : kernels();
    const W = this.w ?? this.wHh.value.data;
    if (q >= 0) {
      const sPrev = stepView(h, T, H, q);
      k.gemm(false, true, B, 2 * H, H, sPrev, matView(W, H), 1, stepView(xz, T, G, p)); // i, f
      k.gemm(false, true, B, H, H, sPrev, matView(W, H, 3 * H * H), 1, stepView(xz, T, G, p, 3 * H)); // o
    }
    if (ws) {
      // WebAssembly gate math; the products run in place on the workspace (resident W_hh)
      ws.protoForwardRead(B, xz, p * G, T * G, q >= 0 ? h : null, q * H, aux, p * H, T * H);
      if (q >= 0)
        k.gemm(
          false,
          true,
          B,
          H,
          H,
          stepView(aux, T, H, p),
          matView(W, H, 2 * H * H),
          1,
          stepView(xz, T, G, p, 2 * H),
        );
      ws.protoForwardState(B, xz, p * G, T * G, q >= 0 ? h : null, q * H, h, p * H, T * H);
      return;
    }
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const ho = (b * T + p) * H;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const o = sigmoid(xz[zo + 3 * H + j]);
        xz[zo + 3 * H + j] = o;
        aux[ho + j] = q >= 0 ? o * h[qo + j] : 0;
      }
    }
    if (q >= 0) {
      k.gemm(
        false,
        true,
        B,
        H,
        H,
        stepView(aux, T, H, p),
        matView(W, H, 2 * H * H),
        1,
        stepView(xz, T, G, p, 2 * H),
      );
    }
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const ho = (b * T + p) * H;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(xz[zo + j]);
        const f = sigmoid(xz[zo + H + j]);
        const st = Math.tanh(xz[zo + 2 * H + j]);
        xz[zo + j] = i;
        xz[zo + H + j] = f;
        xz[zo + 2 * H + j] = st;
        h[ho + j] = (q >= 0 ? f * h[qo + j] : 0) + i * st;
      }
    }
  }

  backwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, h, aux, dxz, dh, dhPrev, scratch, ws } = s;
    const G = 4 * H;
    if (ws) {
      ws.protoBackwardGates(B, xz, p * G, T * G, q >= 0 ? h : null, q * H, T * H, dh, dxz, dhPrev);
      if (q < 0) return;
      this.recurrentProducts(s, p, q, ws.kernels, this.w ?? this.wHh.value.data, s.extra.dW, () =>
        ws.protoBackwardRead(B, xz, p * G, T * G, h, q * H, T * H, scratch, dxz, dhPrev),
      );
      return;
    }
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const i = xz[zo + j];
        const f = xz[zo + H + j];
        const st = xz[zo + 2 * H + j];
        const sp = q >= 0 ? h[qo + j] : 0;
        const d = dh[b * H + j];
        dxz[zo + j] = d * st * i * (1 - i);
        dxz[zo + H + j] = d * sp * f * (1 - f);
        dxz[zo + 2 * H + j] = d * i * (1 - st * st);
        dxz[zo + 3 * H + j] = 0; // the read gate only acts through s_{t-1}; set below when q >= 0
        dhPrev[b * H + j] = d * f;
      }
    }
    if (q < 0) return; // s_0 = 0: r = 0, so o, W_hh and s_0 get no gradient
    this.recurrentProducts(s, p, q, kernels(), this.wHh.value.data, this.wHh.grad.data, () => {
      for (let b = 0; b < B; b++) {
        const zo = (b * T + p) * G;
        const qo = (b * T + q) * H;
        for (let j = 0; j < H; j++) {
          const o = xz[zo + 3 * H + j];
          const dr = scratch[b * H + j];
          dxz[zo + 3 * H + j] = dr * h[qo + j] * o * (1 - o);
          dhPrev[b * H + j] += dr * o;
        }
      }
    });
  }

  /** The products of one backward step with a previous state: dr = δz_c·W_c into scratch, then
   *  `readGate` (δz_o, dsPrev += dr⊙o), then dsPrev += δz_{i,f,o}·W_{i,f,o} and dW += the step's share. */
  private recurrentProducts(
    s: SeqBuffers,
    p: number,
    q: number,
    k: Kernels,
    W: FloatArray,
    dW: FloatArray,
    readGate: () => void,
  ): void {
    const { B, T, H, h, aux, dxz, dhPrev, scratch } = s;
    const G = 4 * H;
    k.gemm(
      false,
      false,
      B,
      H,
      H,
      stepView(dxz, T, G, p, 2 * H),
      matView(W, H, 2 * H * H),
      0,
      matView(scratch, H),
    ); // dr
    readGate();
    const sPrev = stepView(h, T, H, q);
    k.gemm(false, false, B, H, 2 * H, stepView(dxz, T, G, p), matView(W, H), 1, matView(dhPrev, H));
    k.gemm(
      false,
      false,
      B,
      H,
      H,
      stepView(dxz, T, G, p, 3 * H),
      matView(W, H, 3 * H * H),
      1,
      matView(dhPrev, H),
    );
    k.gemm(true, false, 2 * H, H, B, stepView(dxz, T, G, p), sPrev, 1, matView(dW, H));
    k.gemm(true, false, H, H, B, stepView(dxz, T, G, p, 3 * H), sPrev, 1, matView(dW, H, 3 * H * H));
    k.gemm(
      true,
      false,
      H,
      H,
      B,
      stepView(dxz, T, G, p, 2 * H),
      stepView(aux, T, H, p),
      1,
      matView(dW, H, 2 * H * H),
    );
  }

  saturationCounts(s: SeqBuffers): [number, number] | null {
    const rows = s.B * s.T;
    const G = 4 * s.H;
    let n = 0;
    for (let k = 0; k < 4; k++)
      n += countSaturated(s.xz, rows, G, k * s.H, s.H, k === 2 ? 'tanh' : 'sigmoid');
    return [n, rows * G];
  }
}
