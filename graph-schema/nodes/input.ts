// Input: where the data enters; its shape (without the batch axis) and element type.
import { z } from 'zod';
import { DType, defineNodeType, LIMITS, posInt } from '../primitives.ts';

export const input = defineNodeType({
  type: 'Input',
  order: 10,
  params: z.looseObject({
    shape: z
      .array(posInt(LIMITS.maxSeqLen))
      .min(1)
      .max(LIMITS.maxInputRank)
      .meta({ label: 'shape', help: 'Dimensions of one example, without the batch: e.g. "200" or "20, 3".' }),
    dtype: DType.default('float32').meta({
      label: 'dtype',
      help: 'int32 for token ids (feeds an Embedding), float32 for numbers.',
    }),
  }),
  blurb: 'The data: one example per row',
  defaults: { shape: [20], dtype: 'float32' },
  colour: { dark: '#5fd38d', light: '#17803d' },
});
