// Building blocks shared by the format's definitions: size caps, whole-number and id checks, the
// enums, the initializer override, and the typed metadata each node param carries (label, help).
import { z } from 'zod';
import { LIMITS } from './limits.ts';

declare module 'zod' {
  // `.meta({ label, help })` on a node param: the inspector's label and help line, and the JSON
  // Schema's description (editors show it on hover).
  interface GlobalMeta {
    label?: string;
    help?: string;
  }
}

// The caps live with every other limit in limits.ts.
export { LIMITS } from './limits.ts';

// Custom messages below are phrased "must ..." so that issues.ts can say "node lstm1: units must be
// a whole number from 1 to 4096, got 0" (it prefixes the subject and appends what was given).
export const posInt = (max: number) => {
  const error = `must be a whole number from 1 to ${max}`;
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};
const idError = 'must be 1 to 64 characters: a letter or _ first, then letters, digits, _ or -';
export const id = z
  .string({ error: idError })
  .min(1, { error: idError })
  .max(64, { error: idError })
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: idError });
export const finite = z
  .number({ error: 'must be a finite number' })
  .finite({ error: 'must be a finite number' });

export const Activation = z.enum(['identity', 'relu', 'sigmoid', 'tanh']);
export const RecurrentActivation = z.enum(['tanh', 'relu', 'sigmoid']);
export const LstmVariant = z.enum(['standard', 'peephole', 'prototype']);
export const DType = z.enum(['float32', 'int32']);

/** Optional per-node initializer override; default is Keras's (glorot-uniform, orthogonal, zeros). */
export const Init = z.looseObject({
  kernel: z
    .enum(['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'uniform', 'zeros'])
    .optional(),
  recurrent: z.enum(['orthogonal', 'glorot_uniform', 'uniform', 'zeros']).optional(),
  bias: z.enum(['zeros']).optional(),
  scale: z.number().finite().positive().optional(),
});

/** `units` of Dense and the recurrent layers. */
export const units = posInt(LIMITS.maxUnits).meta({
  label: 'units',
  help: 'Size of the output (hidden state) vector.',
});

/** The params every recurrent node type has (RNN, LSTM, GRU), in the format's key order. */
export const recurrentCommon = {
  units,
  returnSequences: z.boolean().default(false).meta({
    label: 'return sequences',
    help: 'Output every time step [T, units] instead of only the last one.',
  }),
  bidirectional: z.boolean().default(false).meta({
    label: 'bidirectional',
    help: 'Run a second copy backwards in time and concatenate (doubles the output size).',
  }),
  init: Init.optional(),
};

/**
 * One node type of the format: its name in files (`type`), its place in the palette (`order`), its
 * params (a zod object; each param the inspector edits carries `.meta({ label, help })`), a one-line
 * blurb for the palette, the params a new node starts with, and its card colour.
 * Every file in graph-schema/nodes/ exports exactly one of these; scripts/gen-registry.mjs lists them
 * in nodes/index.gen.ts (NODE_DEFS), so a new type is its file, not an edit of a list.
 */
export interface NodeTypeDef<P extends z.ZodObject = z.ZodObject, T extends string = string> {
  /** the node's `type` in graph files (PascalCase, e.g. 'LayerNorm'); the NODE_DEFS key */
  type: T;
  /** palette position, ascending (tens, so a new type fits between two without renumbering) */
  order: number;
  params: P;
  blurb: string;
  /** params of a node added from the palette (the format's defaults plus sensible sizes) */
  defaults: z.input<P>;
  /** the accent colour of its card and palette entry, per theme (CSS colours) */
  colour: { dark: string; light: string };
}

/** Declares a node type (keeps the params' exact zod type and the type name's literal for inference). */
export function defineNodeType<P extends z.ZodObject, const T extends string>(
  def: NodeTypeDef<P, T>,
): NodeTypeDef<P, T> {
  return def;
}
