// ONE optimizer implementation: the update rule's settings (rules.ts) switch its parts on and off.
// Per element, with g the (clipped) gradient and t the step counter from 1:
//   second moment   v ← v + g² (sum)  or  v ← ρv + (1-ρ)g² (ema)       [Adagrad, RMSprop, Adam]
//   centered        v̂ = v - ḡ², ḡ ← ρḡ + (1-ρ)g                         [RMSprop centered]
//   first moment    m ← β1·m + (1-β1)·g, d = m/(1-β1^t) / (√(v/(1-ρ^t)) + eps)   [Adam]
//   otherwise       d = g / (√v̂ + eps)  (or d = g with no second moment)
//   momentum        buf ← d at t=1, else μ·buf + (1-dampening)·d; d = nesterov ? d + μ·buf : buf
//   step            p ← p - lr_t · d
import type { FloatArray, Tensor } from '../tensor.ts';
import { allocArray, dtypeOf } from '../tensor.ts';
import type { UpdateRule } from './rules.ts';
import type { SparseGrad } from '../layers/layer.ts';

/** What the optimizer needs of a parameter: its value and gradient (same shape). */
export interface OptimParam {
  value: Tensor;
  grad: Tensor;
  /** the gradient rows that can be nonzero, when backward writes only some (clipping visits those) */
  sparse?: SparseGrad;
}

/** Per-parameter state arrays (null when the rule does not use them). */
export interface SlotState {
  m: FloatArray | null;
  v: FloatArray | null;
  gAvg: FloatArray | null;
  buf: FloatArray | null;
}

/** Fresh state for one parameter under a rule. */
export function newSlots(rule: UpdateRule, p: OptimParam): SlotState {
  const n = p.value.data.length;
  const dt = dtypeOf(p.value.data);
  const v = rule.second === 'none' ? null : allocArray(dt, n);
  if (v && rule.second === 'sum') v.fill(rule.initialAccumulator);
  return {
    m: rule.adam ? allocArray(dt, n) : null,
    v,
    gAvg: rule.centered ? allocArray(dt, n) : null,
    buf: rule.momentum > 0 ? allocArray(dt, n) : null,
  };
}

/** Applies update number t (from 1) of the rule to one parameter, with learning rate lr. */
export function updateParam(rule: UpdateRule, lr: number, t: number, p: OptimParam, s: SlotState): void {
  const w = p.value.data;
  const g = p.grad.data;
  const n = w.length;
  const { m, v, gAvg, buf } = s;
  const rho = rule.rho;
  const b1 = rule.beta1;
  const bc1 = m ? 1 - b1 ** t : 1;
  const bc2 = m ? 1 - rho ** t : 1; // Adam's bias correction of v; RMSprop/Adagrad have none
  const mu = rule.momentum;
  const keep = 1 - rule.dampening;
  const stepLr = rule.second === 'sum' ? lr / (1 + (t - 1) * rule.lrDecay) : lr;
  if (rule.adam && m && v && !gAvg && !buf && rule.second === 'ema') {
    adamLoop(w, g, m, v, b1, rho, bc1, bc2, rule.eps, stepLr);
    return;
  }
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    let d = gi;
    if (v) {
      v[i] = rule.second === 'sum' ? v[i] + gi * gi : rho * v[i] + (1 - rho) * gi * gi;
      let vh = v[i];
      if (gAvg) {
        gAvg[i] = rho * gAvg[i] + (1 - rho) * gi;
        vh -= gAvg[i] * gAvg[i];
        // v ≥ ḡ² holds exactly (an EMA of squares ≥ the square of the EMA); only rounding of the
        // stored values can push it below 0, where √ would give NaN
        if (vh < 0) vh = 0;
      }
      if (m) {
        m[i] = b1 * m[i] + (1 - b1) * gi;
        d = m[i] / bc1 / (Math.sqrt(vh / bc2) + rule.eps);
      } else {
        d = gi / (Math.sqrt(vh) + rule.eps);
      }
    }
    if (buf) {
      buf[i] = t === 1 ? d : mu * buf[i] + keep * d;
      d = rule.nesterov ? d + mu * buf[i] : buf[i];
    }
    w[i] -= stepLr * d;
  }
}

/**
 * The loop above for plain Adam (EMA second moment, first moment, no centering, no momentum buffer),
 * with the rule's branches hoisted out: the same operations in the same order, so the same bits.
 * Adam over a 2.8-million-parameter model is a large share of a step; this runs it about twice as fast.
 */
export function adamLoop(
  w: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  b1: number,
  rho: number,
  bc1: number,
  bc2: number,
  eps: number,
  stepLr: number,
): void {
  const oneMinusRho = 1 - rho;
  const oneMinusB1 = 1 - b1;
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    v[i] = rho * v[i] + oneMinusRho * gi * gi;
    const vh = v[i]; // read back: the stored (possibly float32) value, as the general loop uses
    m[i] = b1 * m[i] + oneMinusB1 * gi;
    w[i] -= stepLr * (m[i] / bc1 / (Math.sqrt(vh / bc2) + eps));
  }
}
