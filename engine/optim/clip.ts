// Gradient clipping (PyTorch's clip_grad_norm_ / clip_grad_value_) and the global gradient norm.
import type { ClipConfig } from '../../graph-schema/schema.ts';
import type { OptimParam } from './update.ts';

/** √(Σ over all params of Σ g²): the L2 norm of all gradients taken as one vector. */
export function globalGradNorm(params: readonly OptimParam[]): number {
  let s = 0;
  for (const p of params) {
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  }
  return Math.sqrt(s);
}

/**
 * Clips all gradients in place and returns the RAW global norm (before clipping).
 * norm: scale by max / (norm + 1e-6) when that is below 1; value: clamp each element to [-max, max].
 */
export function clipGradients(params: readonly OptimParam[], clip: ClipConfig | undefined): number {
  const norm = globalGradNorm(params);
  if (!clip) return norm;
  if (clip.type === 'norm') {
    const coef = clip.max / (norm + 1e-6);
    if (coef < 1) {
      for (const p of params) {
        const g = p.grad.data;
        for (let i = 0; i < g.length; i++) g[i] *= coef;
      }
    }
  } else {
    const m = clip.max;
    for (const p of params) {
      const g = p.grad.data;
      for (let i = 0; i < g.length; i++) g[i] = Math.min(m, Math.max(-m, g[i]));
    }
  }
  return norm;
}
