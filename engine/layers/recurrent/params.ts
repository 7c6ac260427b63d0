// Recurrent parameters: creation and Keras-default initialization in our PyTorch layout.
// Keras stores kernels as [I, G*H] and recurrent kernels as [H, G*H]; we store the transposes
// [G*H, I] and [G*H, H]. Fan-in/fan-out are taken from Keras's shapes, and an orthogonal
// [H, G*H] (orthonormal rows) transposes to a [G*H, H] with orthonormal columns, which is what
// orthogonal(out, G*H, H) produces, so the distributions match Keras exactly.
import {
  DEFAULT_UNIFORM_SCALE,
  glorotUniform,
  type InitOverride,
  initKernel,
  orthogonal,
  uniformFill,
} from '../../init.ts';
import type { Rng } from '../../random.ts';
import type { Param } from '../layer.ts';

/** The node's optional `init` override, as far as recurrent layers use it. */
export type RecurrentInit = InitOverride;

/** Fill W_ih [G*H, I] (Keras fan_in = I, fan_out = G*H). */
export function initInputKernel(w: Param, init: RecurrentInit | undefined, rng: Rng): void {
  const [gh, inSize] = w.value.shape;
  initKernel(w.value.data, inSize, gh, rng, init);
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
      uniformFill(out, init?.scale ?? DEFAULT_UNIFORM_SCALE, rng);
      return;
    case 'zeros':
      out.fill(0);
      return;
    default:
      orthogonal(out, gh, h, rng);
      return;
  }
}
