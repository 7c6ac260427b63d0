// Concat: joins two or more inputs on the last axis (no params).
import { z } from 'zod';
import { defineNodeType } from '../primitives.ts';

export const concat = defineNodeType({
  type: 'Concat',
  order: 80,
  params: z.looseObject({}),
  blurb: 'Join inputs on the last axis',
  defaults: {},
  colour: { dark: '#a3b8ff', light: '#3f51b5' },
});
