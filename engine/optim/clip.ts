// Gradient clipping (PyTorch's clip_grad_norm_ / clip_grad_value_) and the global gradient norm.
import type { ClipConfig } from '../../graph-schema/schema.ts';
import type { OptimParam } from './update.ts';

/** The rows of p's gradient that can be nonzero with their row size, or null: all of it. */
function nonzeroRows(p: OptimParam): { rows: Int32Array; size: number } | null {
  return p.sparse ? { rows: p.sparse.rows(), size: p.sparse.rowSize } : null;
}

/** √(Σ over all params of Σ g²): the L2 norm of all gradients taken as one vector. Rows known to be
 *  zero are skipped; the rest are summed in the same order, so the result is the same to the bit. */
export function globalGradNorm(params: readonly OptimParam[]): number {
  let s = 0;
  for (const p of params) {
    const g = p.grad.data;
    const sp = nonzeroRows(p);
    if (!sp) {
      for (let i = 0; i < g.length; i++) s += g[i] * g[i];
      continue;
    }
    for (const row of sp.rows) {
      const o = row * sp.size;
      for (let i = o; i < o + sp.size; i++) s += g[i] * g[i];
    }
  }
  return Math.sqrt(s);
}

/** Applies f to every element of p's gradient that can be nonzero (f(0) must be 0). */
function mapNonzero(p: OptimParam, f: (x: number) => number): void {
  const g = p.grad.data;
  const sp = nonzeroRows(p);
  if (!sp) {
    for (let i = 0; i < g.length; i++) g[i] = f(g[i]);
    return;
  }
  for (const row of sp.rows) {
    const o = row * sp.size;
    for (let i = o; i < o + sp.size; i++) g[i] = f(g[i]);
  }
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
      for (const p of params) mapNonzero(p, (x) => x * coef);
    }
  } else {
    const m = clip.max;
    for (const p of params) mapNonzero(p, (x) => Math.min(m, Math.max(-m, x)));
  }
  return norm;
}
