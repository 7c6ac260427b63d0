// What the inspector shows for each node type: one typed field per param, with the ranges and enums of
// the v1 format (graph-schema/schema.ts), so a refused value can say why before the store ever sees it.
import { LIMITS, NODE_TYPES, type NodeType } from '../../graph-schema/schema.ts';

/** One editable param of a node type. */
export type ParamSpec =
  | { key: string; kind: 'int'; label: string; min: number; max: number; help: string }
  | { key: string; kind: 'number'; label: string; min: number; max: number; help: string }
  | { key: string; kind: 'bool'; label: string; help: string }
  | { key: string; kind: 'enum'; label: string; options: readonly string[]; help: string }
  | { key: string; kind: 'shape'; label: string; min: number; max: number; maxRank: number; help: string };

const units: ParamSpec = {
  key: 'units',
  kind: 'int',
  label: 'units',
  min: 1,
  max: LIMITS.maxUnits,
  help: 'Size of the output (hidden state) vector.',
};
const returnSequences: ParamSpec = {
  key: 'returnSequences',
  kind: 'bool',
  label: 'return sequences',
  help: 'Output every time step [T, units] instead of only the last one.',
};
const bidirectional: ParamSpec = {
  key: 'bidirectional',
  kind: 'bool',
  label: 'bidirectional',
  help: 'Run a second copy backwards in time and concatenate (doubles the output size).',
};

/** Editable params per node type, in display order. */
export const PARAM_SPECS: Record<NodeType, ParamSpec[]> = {
  Input: [
    {
      key: 'shape',
      kind: 'shape',
      label: 'shape',
      min: 1,
      max: LIMITS.maxSeqLen,
      maxRank: LIMITS.maxInputRank,
      help: 'Dimensions of one example, without the batch: e.g. "200" or "20, 3".',
    },
    {
      key: 'dtype',
      kind: 'enum',
      label: 'dtype',
      options: ['float32', 'int32'],
      help: 'int32 for token ids (feeds an Embedding), float32 for numbers.',
    },
  ],
  Embedding: [
    {
      key: 'vocabSize',
      kind: 'int',
      label: 'vocab size',
      min: 1,
      max: LIMITS.maxVocab,
      help: 'Number of distinct token ids (ids go from 0 to vocab size - 1).',
    },
    {
      key: 'dim',
      kind: 'int',
      label: 'dim',
      min: 1,
      max: LIMITS.maxDim,
      help: 'Length of each token vector.',
    },
  ],
  Dense: [
    units,
    {
      key: 'activation',
      kind: 'enum',
      label: 'activation',
      options: ['identity', 'relu', 'sigmoid', 'tanh'],
      help: 'Applied after the affine map.',
    },
    { key: 'useBias', kind: 'bool', label: 'use bias', help: 'Add a learned bias vector.' },
  ],
  RNN: [
    units,
    {
      key: 'activation',
      kind: 'enum',
      label: 'activation',
      options: ['tanh', 'relu', 'sigmoid'],
      help: 'Non-linearity of the recurrent step.',
    },
    returnSequences,
    bidirectional,
  ],
  LSTM: [
    units,
    {
      key: 'variant',
      kind: 'enum',
      label: 'variant',
      options: ['standard', 'peephole', 'prototype'],
      help: 'Gate wiring (see the lecture): standard, with peepholes, or the prototype.',
    },
    returnSequences,
    bidirectional,
    {
      key: 'forgetBias',
      kind: 'number',
      label: 'forget bias',
      min: -100,
      max: 100,
      help: 'Initial forget-gate bias; 1 keeps memory open at the start.',
    },
  ],
  GRU: [units, returnSequences, bidirectional],
  Softmax: [],
  Concat: [],
  Add: [],
};

/** Params a newly added node starts with (the format's defaults, plus sensible sizes). */
export const DEFAULT_PARAMS: Record<NodeType, Record<string, unknown>> = {
  Input: { shape: [20], dtype: 'float32' },
  Embedding: { vocabSize: 1000, dim: 32 },
  Dense: { units: 32, activation: 'identity', useBias: true },
  RNN: { units: 32, activation: 'tanh', returnSequences: false, bidirectional: false },
  LSTM: { units: 32, variant: 'standard', returnSequences: false, bidirectional: false, forgetBias: 1 },
  GRU: { units: 32, returnSequences: false, bidirectional: false },
  Softmax: {},
  Concat: {},
  Add: {},
};

/** Short palette descriptions (one line each). */
export const NODE_BLURBS: Record<NodeType, string> = {
  Input: 'The data: one example per row',
  Embedding: 'Token ids -> vectors',
  Dense: 'Fully connected layer',
  RNN: 'Vanilla recurrent layer',
  LSTM: 'Long short-term memory',
  GRU: 'Gated recurrent unit',
  Softmax: 'Probabilities over the last axis',
  Concat: 'Join inputs on the last axis',
  Add: 'Sum inputs (residual)',
};

/** Node types that accept two or more inputs; every other type except Input takes exactly one. */
export const MULTI_INPUT_TYPES: ReadonlySet<string> = new Set(['Concat', 'Add']);

/** Every node type of the format, in palette order. */
export const PALETTE_TYPES: readonly NodeType[] = NODE_TYPES;

/** Result of checking one typed value from the inspector. */
export type FieldCheck = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses and range-checks a raw inspector value for a param; the reason is shown under the field. */
export function checkParamValue(spec: ParamSpec, raw: string | boolean): FieldCheck {
  switch (spec.kind) {
    case 'bool':
      return { ok: true, value: Boolean(raw) };
    case 'enum':
      return spec.options.includes(String(raw))
        ? { ok: true, value: String(raw) }
        : { ok: false, reason: `${spec.label} must be one of ${spec.options.join(', ')}` };
    case 'int':
    case 'number':
      return checkNumber(spec.label, String(raw), spec.min, spec.max, spec.kind === 'int');
    case 'shape':
      return checkShape(spec.label, String(raw), spec.max, spec.maxRank);
  }
}

/** Parses a number field; whole numbers only when `int`. */
export function checkNumber(label: string, raw: string, min: number, max: number, int: boolean): FieldCheck {
  const text = raw.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) return { ok: false, reason: `${label} must be a number` };
  if (int && !Number.isInteger(value)) return { ok: false, reason: `${label} must be a whole number` };
  if (value < min || value > max) return { ok: false, reason: `${label} must be from ${min} to ${max}` };
  return { ok: true, value };
}

function checkShape(label: string, raw: string, max: number, maxRank: number): FieldCheck {
  const parts = raw
    .replace(/[[\]()]/g, '')
    .split(/[,x×\s]+/)
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > maxRank) {
    return { ok: false, reason: `${label} needs 1 to ${maxRank} dimensions, e.g. "200" or "20, 3"` };
  }
  const dims: number[] = [];
  for (const p of parts) {
    const d = Number(p);
    if (!Number.isInteger(d) || d < 1 || d > max) {
      return {
        ok: false,
        reason: `each dimension of ${label} must be a whole number from 1 to ${max}, got "${p}"`,
      };
    }
    dims.push(d);
  }
  return { ok: true, value: dims };
}
