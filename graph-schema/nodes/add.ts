// Add: elementwise sum of two or more equal-shaped inputs, e.g. a residual connection (no params).
import { z } from 'zod';
import { defineNodeType } from '../primitives.ts';

export const add = defineNodeType({
  type: 'Add',
  order: 90,
  params: z.looseObject({}),
  blurb: 'Sum inputs (residual)',
  defaults: {},
  colour: { dark: '#a3b8ff', light: '#3f51b5' },
});
