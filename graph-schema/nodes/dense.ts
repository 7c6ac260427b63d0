// Dense: a fully connected layer on the last axis, with an optional activation.
import { z } from 'zod';
import { Activation, defineNodeType, Init, units } from '../primitives.ts';

export const dense = defineNodeType({
  type: 'Dense',
  order: 30,
  params: z.looseObject({
    units,
    activation: Activation.default('identity').meta({
      label: 'activation',
      help: 'Applied after the affine map.',
    }),
    useBias: z.boolean().default(true).meta({ label: 'use bias', help: 'Add a learned bias vector.' }),
    init: Init.optional(),
  }),
  blurb: 'Fully connected layer',
  defaults: { units: 32, activation: 'identity', useBias: true },
  colour: { dark: '#5fb3ff', light: '#0b63c5' },
});
