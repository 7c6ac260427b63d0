// GRU: the gated recurrent unit (PyTorch's gate equations, Keras's reset_after=True).
import { z } from 'zod';
import { defineNodeType, recurrentCommon } from '../primitives.ts';

export const gru = defineNodeType({
  type: 'GRU',
  order: 60,
  params: z.looseObject({ ...recurrentCommon }),
  blurb: 'Gated recurrent unit',
  defaults: { units: 32, returnSequences: false, bidirectional: false },
  colour: { dark: '#ffd866', light: '#9a7b00' },
});
