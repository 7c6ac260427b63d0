// LSTM: long short-term memory, in the lecture's three wirings (standard, peephole, prototype).
import { z } from 'zod';
import { defineNodeType, LstmVariant, recurrentCommon } from '../primitives.ts';

export const lstm = defineNodeType({
  type: 'LSTM',
  order: 50,
  params: z.looseObject({
    ...recurrentCommon,
    variant: LstmVariant.default('standard').meta({
      label: 'variant',
      help: 'Gate wiring (see the lecture): standard, with peepholes, or the prototype.',
    }),
    forgetBias: z.number().finite().min(-100).max(100).default(1).meta({
      label: 'forget bias',
      help: 'Initial forget-gate bias; 1 keeps memory open at the start.',
    }),
  }),
  blurb: 'Long short-term memory',
  defaults: { units: 32, variant: 'standard', returnSequences: false, bidirectional: false, forgetBias: 1 },
  colour: { dark: '#ff8fa3', light: '#c2185b' },
});
