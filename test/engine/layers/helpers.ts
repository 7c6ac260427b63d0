// Shared bits of the Dropout / LayerNorm / SelfAttention / PositionalEmbedding tests.
import { expect } from 'vitest';
import type { Layer } from '../../../engine/layers/layer.ts';
import { Rng } from '../../../engine/random.ts';

/** Every finite-difference error below 1e-7 (float64, central differences, h = 1e-6). */
export function expectAllBelow(errors: Record<string, number>, names: string[], tol = 1e-7): void {
  expect(Object.keys(errors).sort()).toEqual([...names].sort());
  for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(tol);
}

/** Random values in every param, so no term of the backward hides behind a zero bias or a unit gain. */
export function randomizeParams(layer: Layer, seed: number, scale = 0.7): void {
  const rng = new Rng(seed);
  for (const p of layer.params)
    for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = rng.uniform(-scale, scale);
}
