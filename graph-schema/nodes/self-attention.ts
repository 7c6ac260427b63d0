// SelfAttention: one head of scaled dot-product self-attention over a sequence [T, F]: every
// position reads every (causal: every earlier) position, weighted by query-key similarity.
import { z } from 'zod';
import { defineNodeType, Init, LIMITS, posInt } from '../primitives.ts';

export const selfAttention = defineNodeType({
  type: 'SelfAttention',
  order: 120,
  params: z.looseObject({
    units: posInt(LIMITS.maxUnits).meta({
      label: 'units',
      help: 'Size of the query, key, value and output vectors (one head).',
    }),
    causal: z.boolean().default(false).meta({
      label: 'causal',
      help: 'Each position attends only to itself and earlier positions (needed to predict the next token).',
    }),
    returnSequences: z.boolean().default(true).meta({
      label: 'return sequences',
      help: 'Output every position [T, units] instead of only the last one.',
    }),
    init: Init.optional(),
  }),
  blurb: 'Each position reads every other (one head)',
  defaults: { units: 32, causal: false, returnSequences: true },
  colour: { dark: '#ff6e6e', light: '#c62828' },
});
