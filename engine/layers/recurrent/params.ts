// Recurrent parameters: creation and Keras-default initialization in our PyTorch layout.
// Keras stores kernels as [I, G*H] and recurrent kernels as [H, G*H]; we store the transposes
// [G*H, I] and [G*H, H]. Fan-in/fan-out are taken from Keras's shapes, and an orthogonal
// [H, G*H] (orthonormal rows) transposes to a [G*H, H] with orthonormal columns, which is what
// orthogonal(out, G*H, H) produces, so the distributions match Keras exactly.
import { glorotNormal, glorotUniform, heNormal, heUniform, orthogonal } from '../../init.ts';
import type { Rng } from '../../random.ts';
import type { DType } from '../../tensor.ts';
import { zeros } from '../../tensor.ts';
import type { Param } from '../layer.ts';

/** A zero-initialized param with its zero gradient. */
export function makeParam(name: string, shape: number[], dtype: DType): Param {
  return { name, value: zeros(shape, dtype), grad: zeros(shape, dtype) };
}

/** The node's optional `init` override (graph-schema Init), as far as recurrent layers use it. */
export interface RecurrentInit {
  kernel?: string;
  recurrent?: string;
  bias?: string;
  scale?: number;
}

/** Keras RandomUniform's default half-width when `init.scale` is not given. */
const DEFAULT_UNIFORM_SCALE = 0.05;

/** Fill W_ih [G*H, I] (Keras fan_in = I, fan_out = G*H). */
export function initKernel(w: Param, init: RecurrentInit | undefined, rng: Rng): void {
  const [gh, inSize] = w.value.shape;
  const out = w.value.data;
  switch (init?.kernel ?? 'glorot_uniform') {
    case 'glorot_normal':
      glorotNormal(out, inSize, gh, rng);
      return;
    case 'he_uniform':
      heUniform(out, inSize, rng);
      return;
    case 'he_normal':
      heNormal(out, inSize, rng);
      return;
    case 'uniform':
      uniform(out, init?.scale ?? DEFAULT_UNIFORM_SCALE, rng);
      return;
    case 'zeros':
      out.fill(0);
      return;
    default:
      glorotUniform(out, inSize, gh, rng);
      return;
  }
}

/** Fill W_hh [G*H, H] (Keras recurrent kernel [H, G*H]: fan_in = H, fan_out = G*H). */
export function initRecurrentKernel(w: Param, init: RecurrentInit | undefined, rng: Rng): void {
  const [gh, h] = w.value.shape;
  const out = w.value.data;
  switch (init?.recurrent ?? 'orthogonal') {
    case 'glorot_uniform':
      glorotUniform(out, h, gh, rng);
      return;
    case 'uniform':
      uniform(out, init?.scale ?? DEFAULT_UNIFORM_SCALE, rng);
      return;
    case 'zeros':
      out.fill(0);
      return;
    default:
      orthogonal(out, gh, h, rng);
      return;
  }
}

function uniform(out: Float32Array | Float64Array, scale: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-scale, scale);
}
