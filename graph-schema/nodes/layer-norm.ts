// LayerNorm: normalizes each vector on the last axis to mean 0, variance 1, then a learned scale
// (gamma) and shift (beta): PyTorch nn.LayerNorm(last axis, eps).
import { z } from 'zod';
import { defineNodeType } from '../primitives.ts';

const epsError = 'must be a number above 0, at most 1';

export const layerNorm = defineNodeType({
  type: 'LayerNorm',
  order: 110,
  params: z.looseObject({
    eps: z
      .number({ error: epsError })
      .gt(0, { error: epsError })
      .max(1, { error: epsError })
      .default(1e-5)
      .meta({ label: 'eps', help: 'Added to the variance before the square root (PyTorch default 1e-5).' }),
  }),
  blurb: 'Normalize each vector (learned scale, shift)',
  defaults: { eps: 1e-5 },
  colour: { dark: '#b5e853', light: '#4d7c0f' },
});
