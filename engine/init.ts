// Keras-default initializers: glorot-uniform kernels, orthogonal recurrent kernels, zero biases.
// All write into an existing array laid out [out, in] (PyTorch Linear layout, row-major).
import type { FloatArray } from './tensor.ts';
import type { Rng } from './random.ts';

/** Glorot/Xavier uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(
  out: FloatArray,
  fanIn: number,
  fanOut: number,
  rng: Rng,
  off = 0,
  n = out.length - off,
): void {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < n; i++) out[off + i] = rng.uniform(-limit, limit);
}

/** Glorot/Xavier normal (untruncated): N(0, 2 / (fanIn + fanOut)). */
export function glorotNormal(
  out: FloatArray,
  fanIn: number,
  fanOut: number,
  rng: Rng,
  off = 0,
  n = out.length - off,
): void {
  const std = Math.sqrt(2 / (fanIn + fanOut));
  for (let i = 0; i < n; i++) out[off + i] = std * rng.normal();
}

/** He uniform: U(-l, l) with l = sqrt(6 / fanIn). */
export function heUniform(out: FloatArray, fanIn: number, rng: Rng, off = 0, n = out.length - off): void {
  const limit = Math.sqrt(6 / fanIn);
  for (let i = 0; i < n; i++) out[off + i] = rng.uniform(-limit, limit);
}

/** He normal: N(0, 2 / fanIn). */
export function heNormal(out: FloatArray, fanIn: number, rng: Rng, off = 0, n = out.length - off): void {
  const std = Math.sqrt(2 / fanIn);
  for (let i = 0; i < n; i++) out[off + i] = std * rng.normal();
}

/**
 * Orthogonal init of a [rows, cols] block at `off` (Keras `Orthogonal`, gain 1): Gram-Schmidt on a
 * Gaussian matrix. Rows are orthonormal when rows <= cols, columns otherwise.
 */
export function orthogonal(out: FloatArray, rows: number, cols: number, rng: Rng, off = 0, gain = 1): void {
  // Orthonormalize the longer side's vectors: work on the transposed problem when rows > cols.
  const tall = rows > cols;
  const nv = tall ? cols : rows; // number of vectors to orthonormalize
  const len = tall ? rows : cols; // their length
  const v = new Float64Array(nv * len);
  for (let i = 0; i < v.length; i++) v[i] = rng.normal();
  for (let a = 0; a < nv; a++) {
    for (let pass = 0; pass < 2; pass++) {
      // two passes of modified Gram-Schmidt keep the result orthogonal to float64 precision
      for (let b = 0; b < a; b++) {
        let dot = 0;
        for (let k = 0; k < len; k++) dot += v[a * len + k] * v[b * len + k];
        for (let k = 0; k < len; k++) v[a * len + k] -= dot * v[b * len + k];
      }
    }
    let norm = 0;
    for (let k = 0; k < len; k++) norm += v[a * len + k] * v[a * len + k];
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < len; k++) v[a * len + k] /= norm;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out[off + r * cols + c] = gain * (tall ? v[c * len + r] : v[r * len + c]);
    }
  }
}

/** A node's optional `init` override (graph-schema Init), as the layers read it. */
export interface InitOverride {
  kernel?: string;
  recurrent?: string;
  bias?: string;
  scale?: number;
}

/** Keras RandomUniform's default half-width when `init.scale` is not given. */
export const DEFAULT_UNIFORM_SCALE = 0.05;

/** U(-scale, scale) into every element of out. */
export function uniformFill(out: FloatArray, scale: number, rng: Rng): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-scale, scale);
}

/** Fill a [fanOut, fanIn] kernel per the node's init override (default glorot-uniform, Keras). */
export function initKernel(
  out: FloatArray,
  fanIn: number,
  fanOut: number,
  rng: Rng,
  init?: InitOverride,
): void {
  const kind = init?.kernel ?? 'glorot_uniform';
  if (kind === 'glorot_normal') glorotNormal(out, fanIn, fanOut, rng);
  else if (kind === 'he_uniform') heUniform(out, fanIn, rng);
  else if (kind === 'he_normal') heNormal(out, fanIn, rng);
  else if (kind === 'zeros') out.fill(0);
  else if (kind === 'uniform') uniformFill(out, init?.scale ?? DEFAULT_UNIFORM_SCALE, rng);
  else glorotUniform(out, fanIn, fanOut, rng);
}
