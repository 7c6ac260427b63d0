// Embedding: token ids -> learned vectors (one row of a table per id).
import { z } from 'zod';
import { defineNodeType, Init, LIMITS, posInt } from '../primitives.ts';

export const embedding = defineNodeType({
  type: 'Embedding',
  order: 20,
  params: z.looseObject({
    vocabSize: posInt(LIMITS.maxVocab).meta({
      label: 'vocab size',
      help: 'Number of distinct token ids (ids go from 0 to vocab size - 1).',
    }),
    dim: posInt(LIMITS.maxDim).meta({ label: 'dim', help: 'Length of each token vector.' }),
    init: Init.optional(),
  }),
  blurb: 'Token ids -> vectors',
  defaults: { vocabSize: 1000, dim: 32 },
  colour: { dark: '#c792ea', light: '#8e44ad' },
});
