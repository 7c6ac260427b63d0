// PositionalEmbedding: adds a learned vector per position to a sequence [T, F], so that layers
// blind to order (attention) can tell positions apart.
import { z } from 'zod';
import { defineNodeType, Init } from '../primitives.ts';

export const positionalEmbedding = defineNodeType({
  type: 'PositionalEmbedding',
  order: 130,
  params: z.looseObject({ init: Init.optional() }),
  blurb: 'Add a learned vector per position',
  defaults: {},
  colour: { dark: '#e0b0ff', light: '#7b1fa2' },
});
