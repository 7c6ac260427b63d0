// RNN: the vanilla (Elman) recurrent layer.
import { z } from 'zod';
import { defineNodeType, RecurrentActivation, recurrentCommon } from '../primitives.ts';

export const rnn = defineNodeType({
  type: 'RNN',
  order: 40,
  params: z.looseObject({
    ...recurrentCommon,
    activation: RecurrentActivation.default('tanh').meta({
      label: 'activation',
      help: 'Non-linearity of the recurrent step.',
    }),
  }),
  blurb: 'Vanilla recurrent layer',
  defaults: { units: 32, activation: 'tanh', returnSequences: false, bidirectional: false },
  colour: { dark: '#ffb86b', light: '#c45a00' },
});
