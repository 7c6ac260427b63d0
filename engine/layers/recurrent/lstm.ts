// LSTM cell, PyTorch semantics, gate order i, f, g, o, one bias; optional Graves-2013 peepholes.
//   z = x W_ihᵀ + h_{t-1} W_hhᵀ + b          (blocks i, f, g, o)
//   i = σ(z_i + p_i⊙c_{t-1})  f = σ(z_f + p_f⊙c_{t-1})  g = tanh(z_g)
//   c_t = f⊙c_{t-1} + i⊙g      o = σ(z_o + p_o⊙c_t)    h_t = o⊙tanh(c_t)
// (standard: no peephole terms.) Backward, with dc carried from step t+1:
//   δz_o = dh⊙tanh(c)⊙o(1-o);  dc_t = dc + dh⊙o⊙(1-tanh²c) + δz_o⊙p_o
//   δz_i = dc_t⊙g⊙i(1-i);  δz_f = dc_t⊙c_{t-1}⊙f(1-f);  δz_g = dc_t⊙i⊙(1-g²)
//   dc_{t-1} = dc_t⊙f + δz_i⊙p_i + δz_f⊙p_f;  dh_{t-1} = δz W_hh;  dW_hh += δzᵀ h_{t-1}.
import { kernels } from '../../kernels/index.ts';
import type { DType } from '../../tensor.ts';
import type { Param } from '../layer.ts';
import type { Cell, CellNeeds, SeqBuffers } from './cell.ts';
import { countSaturated, matView, sigmoid, stepView } from './cell.ts';
import { makeParam } from '../layer.ts';

/** An LSTM step: W_ih [4H, I], W_hh [4H, H], b [4H] (+ p_i, p_f, p_o [H] when peephole). */
export class LstmCell implements Cell {
  readonly gates = 4;
  readonly needs: CellNeeds = { cellState: true, aux: true, deferredRecurrentGrad: 'dxz' }; // aux keeps tanh(c_t)
  readonly params: Param[];
  readonly wIh: Param;
  readonly wHh: Param;
  readonly inputBias: Param;
  private readonly peep: [Param, Param, Param] | null;

  constructor(
    private readonly H: number,
    I: number,
    dtype: DType,
    peephole: boolean,
  ) {
    this.wIh = makeParam('W_ih', [4 * H, I], dtype);
    this.wHh = makeParam('W_hh', [4 * H, H], dtype);
    this.inputBias = makeParam('b', [4 * H], dtype);
    this.params = [this.wIh, this.wHh, this.inputBias];
    this.peep = null;
    if (peephole) {
      this.peep = [makeParam('p_i', [H], dtype), makeParam('p_f', [H], dtype), makeParam('p_o', [H], dtype)];
      this.params.push(...this.peep);
      this.needs = { ...this.needs, resident: { peep: 3 * H, dpeep: 3 * H } };
    }
  }

  beginPass(s: SeqBuffers, backward: boolean): void {
    if (!s.ws) return;
    s.ws.setRecurrentWeights(this.wHh.value.data);
    const pe = this.peep;
    if (!pe) return;
    const { peep, dpeep } = s.extra;
    for (let k = 0; k < 3; k++) peep.set(pe[k].value.data, k * this.H);
    if (backward) dpeep.fill(0);
  }

  endBackward(s: SeqBuffers): void {
    const pe = this.peep;
    if (!s.ws || !pe) return;
    const { dpeep } = s.extra;
    const H = this.H;
    for (let k = 0; k < 3; k++) {
      const g = pe[k].grad.data;
      for (let j = 0; j < H; j++) g[j] += dpeep[k * H + j];
    }
  }

  forwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, h, c, aux, ws } = s;
    const G = 4 * H;
    if (ws) {
      // WebAssembly: the recurrent product with the resident W_hh, then the fused gate math
      if (q >= 0) ws.stepProduct(B, h, q * H, T * H, 1, xz, p * G, T * G);
      const peep = this.peep ? s.extra.peep : null;
      ws.lstmForward(B, xz, p * G, T * G, q >= 0 ? c : null, q * H, c, aux, h, p * H, T * H, peep);
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
        1,
        stepView(xz, T, G, p),
      );
    }
    const pe = this.peep;
    const pi = pe?.[0].value.data;
    const pf = pe?.[1].value.data;
    const po = pe?.[2].value.data;
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const ho = (b * T + p) * H;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const cp = q >= 0 ? c[qo + j] : 0;
        const i = sigmoid(xz[zo + j] + (pi ? pi[j] * cp : 0));
        const f = sigmoid(xz[zo + H + j] + (pf ? pf[j] * cp : 0));
        const g = Math.tanh(xz[zo + 2 * H + j]);
        const cn = f * cp + i * g;
        const o = sigmoid(xz[zo + 3 * H + j] + (po ? po[j] * cn : 0));
        const tc = Math.tanh(cn);
        xz[zo + j] = i;
        xz[zo + H + j] = f;
        xz[zo + 2 * H + j] = g;
        xz[zo + 3 * H + j] = o;
        c[ho + j] = cn;
        aux[ho + j] = tc;
        h[ho + j] = o * tc;
      }
    }
  }

  backwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, c, aux, dxz, dh, dc, dcPrev, ws } = s;
    const G = 4 * H;
    if (ws) {
      const peep = this.peep ? s.extra.peep : null;
      const dpeep = this.peep ? s.extra.dpeep : null;
      ws.lstmBackward(
        B,
        xz,
        p * G,
        T * G,
        c,
        p * H,
        q * H,
        q >= 0,
        aux,
        T * H,
        dh,
        dc,
        dcPrev,
        dxz,
        peep,
        dpeep,
      );
      if (q >= 0) ws.stepBackProduct(B, dxz, p * G, T * G, 0, s.dhPrev, 0, H);
      return;
    }
    const pe = this.peep;
    for (let b = 0; b < B; b++) {
      const zo = (b * T + p) * G;
      const ho = (b * T + p) * H;
      const qo = (b * T + q) * H;
      for (let j = 0; j < H; j++) {
        const i = xz[zo + j];
        const f = xz[zo + H + j];
        const g = xz[zo + 2 * H + j];
        const o = xz[zo + 3 * H + j];
        const tc = aux[ho + j];
        const cp = q >= 0 ? c[qo + j] : 0;
        const d = dh[b * H + j];
        const dzo = d * tc * o * (1 - o);
        let dct = dc[b * H + j] + d * o * (1 - tc * tc);
        if (pe) dct += dzo * pe[2].value.data[j];
        const dzi = dct * g * i * (1 - i);
        const dzf = dct * cp * f * (1 - f);
        dxz[zo + j] = dzi;
        dxz[zo + H + j] = dzf;
        dxz[zo + 2 * H + j] = dct * i * (1 - g * g);
        dxz[zo + 3 * H + j] = dzo;
        let dcp = dct * f;
        if (pe) {
          dcp += dzi * pe[0].value.data[j] + dzf * pe[1].value.data[j];
          pe[0].grad.data[j] += dzi * cp;
          pe[1].grad.data[j] += dzf * cp;
          pe[2].grad.data[j] += dzo * c[ho + j];
        }
        dcPrev[b * H + j] = dcp;
      }
    }
    if (q < 0) return; // zero initial state: no further adjoint
    const k = kernels();
    const dz = stepView(dxz, T, G, p);
    k.gemm(false, false, B, H, G, dz, matView(this.wHh.value.data, H), 0, matView(s.dhPrev, H));
    // dW_hh is summed over all steps after the loop (direction.ts)
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
