// Vanilla (Elman) RNN cell:  h_t = act(x_t W_ihᵀ + h_{t-1} W_hhᵀ + b),  act = tanh | relu | sigmoid.
// One bias (Keras SimpleRNN). Backward: δz_t = dh_t ⊙ act'(h_t) (written with the OUTPUT h:
// tanh' = 1 - h², sigmoid' = h(1 - h), relu' = [h > 0]), dh_{t-1} = δz_t W_hh, dW_hh += δz_tᵀ h_{t-1}.
import { kernels } from '../../kernels/index.ts';
import type { DType } from '../../tensor.ts';
import type { Param } from '../layer.ts';
import type { Cell, SeqBuffers } from './cell.ts';
import { countSaturated, matView, sigmoid, stepView } from './cell.ts';
import { makeParam } from '../layer.ts';

/** Activations a vanilla RNN node can name. */
export type RnnActivation = 'tanh' | 'relu' | 'sigmoid';

/** A vanilla RNN step with params W_ih [H, I], W_hh [H, H], b [H]. */
export class RnnCell implements Cell {
  readonly gates = 1;
  readonly needs = { cellState: false, aux: false, deferredRecurrentGrad: 'dxz' } as const;
  readonly params: Param[];
  readonly wIh: Param;
  readonly wHh: Param;
  readonly inputBias: Param;

  constructor(
    private readonly H: number,
    I: number,
    dtype: DType,
    private readonly act: RnnActivation,
  ) {
    this.wIh = makeParam('W_ih', [H, I], dtype);
    this.wHh = makeParam('W_hh', [H, H], dtype);
    this.inputBias = makeParam('b', [H], dtype);
    this.params = [this.wIh, this.wHh, this.inputBias];
  }

  beginPass(s: SeqBuffers): void {
    s.ws?.setRecurrentWeights(this.wHh.value.data);
  }

  forwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, xz, h, ws } = s;
    if (ws) {
      // WebAssembly: the recurrent product with the resident W_hh, then the activation
      if (q >= 0) ws.stepProduct(B, h, q * H, T * H, 1, xz, p * H, T * H);
      ws.rnnForward(this.act, B, xz, p * H, T * H, h, p * H, T * H);
      return;
    }
    if (q >= 0) {
      kernels().gemm(
        false,
        true,
        B,
        H,
        H,
        stepView(h, T, H, q),
        matView(this.wHh.value.data, H),
        1,
        stepView(xz, T, H, p),
      );
    }
    // xz keeps the pre-activation; backward only needs the output h
    const act = this.act;
    for (let b = 0; b < B; b++) {
      const o = (b * T + p) * H;
      for (let j = 0; j < H; j++) {
        const z = xz[o + j];
        h[o + j] = act === 'tanh' ? Math.tanh(z) : act === 'relu' ? Math.max(z, 0) : sigmoid(z);
      }
    }
  }

  backwardStep(s: SeqBuffers, p: number, q: number): void {
    const { B, T, H, h, dh, dxz, ws } = s;
    const act = this.act;
    if (ws) {
      ws.rnnBackward(act, B, h, p * H, T * H, dh, dxz, p * H, T * H);
      if (q >= 0) ws.stepBackProduct(B, dxz, p * H, T * H, 0, s.dhPrev, 0, H);
      return;
    }
    for (let b = 0; b < B; b++) {
      const o = (b * T + p) * H;
      for (let j = 0; j < H; j++) {
        const y = h[o + j];
        const d = act === 'tanh' ? 1 - y * y : act === 'relu' ? (y > 0 ? 1 : 0) : y * (1 - y);
        dxz[o + j] = dh[b * H + j] * d;
      }
    }
    if (q < 0) return; // h_0 is a constant zero: nothing flows further back
    const k = kernels();
    const dz = stepView(dxz, T, H, p);
    k.gemm(false, false, B, H, H, dz, matView(this.wHh.value.data, H), 0, matView(s.dhPrev, H));
    // dW_hh is summed over all steps after the loop (direction.ts)
  }

  saturationCounts(s: SeqBuffers): [number, number] | null {
    if (this.act === 'relu') return null; // relu has no flat saturating end to report
    const rows = s.B * s.T;
    return [countSaturated(s.h, rows, s.H, 0, s.H, this.act), rows * s.H];
  }
}
