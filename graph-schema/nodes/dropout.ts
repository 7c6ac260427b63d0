// Dropout: in training each value is zeroed with probability `rate` and the rest scaled by
// 1 / (1 - rate) (inverted dropout, PyTorch nn.Dropout); when predicting it is the identity.
import { z } from 'zod';
import { defineNodeType } from '../primitives.ts';

const rateError = 'must be a number from 0 up to (not including) 1';

export const dropout = defineNodeType({
  type: 'Dropout',
  order: 100,
  params: z.looseObject({
    rate: z
      .number({ error: rateError })
      .min(0, { error: rateError })
      .lt(1, { error: rateError })
      .default(0.5)
      .meta({
        label: 'rate',
        help: 'Share of values set to 0 while training (the rest are scaled by 1 / (1 - rate)); off when predicting.',
      }),
  }),
  blurb: 'Zero random values while training',
  defaults: { rate: 0.5 },
  colour: { dark: '#9aa5b1', light: '#52606d' },
});
