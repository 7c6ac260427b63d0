// GRU cell, PyTorch nn.GRU semantics (= Keras reset_after=True), gate order r, z, n, two biases:
//   a = h_{t-1} W_hhᵀ + b_hh   (recurrent part; x W_ihᵀ + b_ih comes from the loop)
//   r = σ(x_r + a_r)   z = σ(x_z + a_z)   n = tanh(x_n + r⊙a_n)   h_t = (1-z)⊙n + z⊙h_{t-1}
// Backward: δn = dh⊙(1-z)⊙(1-n²); δz = dh⊙(h_{t-1}-n)⊙z(1-z); δr = δn⊙a_n⊙r(1-r).
// The input side sees (δr, δz, δn); the recurrent side sees (δr, δz, δn⊙r) because r multiplies a_n
// after the product: dh_{t-1} = dh⊙z + δa W_hh, dW_hh += δaᵀ h_{t-1}, db_hh += Σ_b δa.
import { kernels } from '../../kernels/index.ts';
import type { DType } from '../../tensor.ts';
import type { Param } from '../layer.ts';
import type { Cell, CellNeeds, SeqBuffers } from './cell.ts';
import { countSaturated, matView, sigmoid, stepView } from './cell.ts';
import { makeParam } from '../layer.ts';

/** A GRU step: W_ih [3H, I], W_hh [3H, H], b_ih [3H], b_hh [3H]. */
export class GruCell implements Cell {
  readonly gates = 3;
  // aux keeps a_n = h_{t-1} W_hnᵀ + b_hn; with a workspace b_hh and its gradient are resident too
  readonly needs: CellNeeds;
  readonly params: Param[];
  readonly wIh: Param;
  readonly wHh: Param;
  readonly inputBias: Param;
  private readonly bHh: Param;

  constructor(H: number, I: number, dtype: DType) {
    this.wIh = makeParam('W_ih', [3 * H, I], dtype);
    this.wHh = makeParam('W_hh', [3 * H, H], dtype);
    this.inputBias = makeParam('b_ih', [3 * H], dtype);
    this.bHh = makeParam('b_hh', [3 * H], dtype);
    this.params = [this.wIh, this.wHh, this.inputBias, this.bHh];
    this.needs = {
      cellState: false,
      aux: true,
      deferredRecurrentGrad: 'dRec',
      resident: { bhh: 3 * H, dbhh: 3 * H },
    };
  }

  beginPass(s: SeqBuffers, backward: boolean): void {
    if (!s.ws) return;
    s.ws.setRecurrentWeights(this.wHh.value.data);
    s.extra.bhh.set(this.bHh.value.data);
    if (backward) s.extra.dbhh.fill(0);
  }

  endBackward(s: SeqBuffers): void {
    if (!s.ws) return;
    const g = this.bHh.grad.data;
    const d = s.extra.dbhh;
    for (let j = 0; j < g.length; j++) g[j] += d[j];
  }

  forwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, h, aux, scratch: a, ws } = s;
    const G = 3 * H;
    if (ws) {
      // WebAssembly: a = h_{t-1}·W_hhᵀ with the resident W_hh, then the fused gate math
      if (q >= 0) ws.stepProduct(B, h, q * H, T * H, 0, a, 0, G);
      ws.gruForward(B, xz, p * G, T * G, a, s.extra.bhh, q >= 0 ? h : null, q * H, h, aux, p * H, T * H);
      return;
    }
    if (q >= 0) {
      kernels().gemm(
        false,
        true,
        B,
        G,
        H,
        stepView(h, T, H, q),
        matView(this.wHh.value.data, H),
        0,
        matView(a, G),
      );
    } else {
      a.fill(0, 0, B * G);
    }
    const bh = this.bHh.value.data;
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const ao = b * G;
      const ho = (b * T + p) * H;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(xz[zo + j] + a[ao + j] + bh[j]);
        const z = sigmoid(xz[zo + H + j] + a[ao + H + j] + bh[H + j]);
        const an = a[ao + 2 * H + j] + bh[2 * H + j];
        const n = Math.tanh(xz[zo + 2 * H + j] + r * an);
        xz[zo + j] = r;
        xz[zo + H + j] = z;
        xz[zo + 2 * H + j] = n;
        aux[ho + j] = an;
        h[ho + j] = (1 - z) * n + (q >= 0 ? z * h[qo + j] : 0);
      }
    }
  }

  backwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, h, aux, dxz, dh, dhPrev, dRec: da, ws } = s;
    const G = 3 * H;
    if (ws) {
      ws.gruBackward(
        B,
        xz,
        p * G,
        T * G,
        q >= 0 ? h : null,
        q * H,
        aux,
        p * H,
        T * H,
        dh,
        dxz,
        da,
        s.extra.dbhh,
        dhPrev,
      );
      if (q >= 0) ws.stepBackProduct(B, da, p * G, T * G, 1, dhPrev, 0, H);
      return;
    }
    const dbh = this.bHh.grad.data;
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const ao = zo; // da (dL/d(h·W_hhᵀ + b_hh)) of every step is kept for dW_hh after the loop
      const ho = (b * T + p) * H;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const r = xz[zo + j];
        const z = xz[zo + H + j];
        const n = xz[zo + 2 * H + j];
        const hp = q >= 0 ? h[qo + j] : 0;
        const d = dh[b * H + j];
        const dn = d * (1 - z) * (1 - n * n);
        const dz = d * (hp - n) * z * (1 - z);
        const dr = dn * aux[ho + j] * r * (1 - r);
        dxz[zo + j] = dr;
        dxz[zo + H + j] = dz;
        dxz[zo + 2 * H + j] = dn;
        da[ao + j] = dr;
        da[ao + H + j] = dz;
        da[ao + 2 * H + j] = dn * r;
        dbh[j] += dr;
        dbh[H + j] += dz;
        dbh[2 * H + j] += dn * r;
        dhPrev[b * H + j] = d * z;
      }
    }
    if (q < 0) return; // h_0 = 0: nothing flows further back
    const k = kernels();
    k.gemm(
      false,
      false,
      B,
      H,
      G,
      stepView(da, T, G, p),
      matView(this.wHh.value.data, H),
      1,
      matView(dhPrev, H),
    );
    // dW_hh is summed over all steps after the loop (direction.ts)
  }

  saturationCounts(s: SeqBuffers): [number, number] | null {
    const rows = s.B * s.T;
    const G = 3 * s.H;
    let n = 0;
    for (let k = 0; k < 3; k++)
      n += countSaturated(s.xz, rows, G, k * s.H, s.H, k === 2 ? 'tanh' : 'sigmoid');
    return [n, rows * G];
  }
}
