// Finite-difference gradient checks (float64): central differences of a scalar loss against the
// analytic gradient, element by element. Shared by the layer, loss and model tests.
import type { Layer, PassOptions } from '../../engine/layers/layer.ts';
import { Rng } from '../../engine/random.ts';
import type { FloatArray, Tensor } from '../../engine/tensor.ts';

/** A float64 tensor of uniform(-scale, scale) values. */
export function randTensor(shape: number[], rng: Rng, scale = 1): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.uniform(-scale, scale);
  return { shape, data };
}

/** The worst |numeric - analytic| / max(1, |numeric|, |analytic|) over all elements of `x`. */
export function worstFdError(
  x: FloatArray,
  analytic: ArrayLike<number>,
  loss: () => number,
  h = 1e-6,
): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    x[i] = keep + h;
    const up = loss();
    x[i] = keep - h;
    const down = loss();
    x[i] = keep;
    const numeric = (up - down) / (2 * h);
    const err = Math.abs(numeric - analytic[i]) / Math.max(1, Math.abs(numeric), Math.abs(analytic[i]));
    if (err > worst || Number.isNaN(err)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}

/** worstFdError over the listed elements of `x` only (analytic[k] belongs to x[at[k]]). */
export function worstFdErrorAt(
  x: FloatArray,
  at: readonly number[],
  analytic: ArrayLike<number>,
  loss: () => number,
  h = 1e-6,
): number {
  let worst = 0;
  at.forEach((i, k) => {
    const keep = x[i];
    x[i] = keep + h;
    const up = loss();
    x[i] = keep - h;
    const down = loss();
    x[i] = keep;
    const numeric = (up - down) / (2 * h);
    const err = Math.abs(numeric - analytic[k]) / Math.max(1, Math.abs(numeric), Math.abs(analytic[k]));
    worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
  });
  return worst;
}

/**
 * Checks a layer with L = Σ y ⊙ u (u a fixed random upstream): for every float input (those whose
 * backward gradient is not null) and every param, the worst finite-difference error.
 */
export function checkLayer(
  layer: Layer,
  inputs: Tensor[],
  seed = 7,
  off: PassOptions = { instrument: false },
): Record<string, number> {
  const y0 = layer.forward(inputs, off);
  const u = randTensor([...y0.shape], new Rng(seed));
  const loss = () => {
    const y = layer.forward(inputs, off);
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += y.data[i] * u.data[i];
    return s;
  };
  loss();
  for (const p of layer.params) p.grad.data.fill(0);
  // copy: the layer reuses its buffers on the next forward/backward
  const dIn = layer.backward(u, off).map((g) => (g ? Float64Array.from(g.data) : null));
  const grads = layer.params.map((p) => Float64Array.from(p.grad.data));
  const out: Record<string, number> = {};
  inputs.forEach((x, i) => {
    const g = dIn[i];
    if (g) out[`input${i}`] = worstFdError(x.data, g, loss);
  });
  layer.params.forEach((p, i) => {
    out[p.name] = worstFdError(p.value.data, grads[i], loss);
  });
  return out;
}
