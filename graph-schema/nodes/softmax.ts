// Softmax: probabilities over the last axis (no params).
import { z } from 'zod';
import { defineNodeType } from '../primitives.ts';

export const softmax = defineNodeType({
  type: 'Softmax',
  order: 70,
  params: z.looseObject({}),
  blurb: 'Probabilities over the last axis',
  defaults: {},
  colour: { dark: '#7ee0d6', light: '#00838f' },
});
