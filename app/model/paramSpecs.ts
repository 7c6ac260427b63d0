// What the inspector shows for each node type: one typed field per param, read from the format's
// node definitions (graph-schema/nodes/<type>.ts: `.meta({ label, help })` and the zod bounds), so a
// refused value can say why before the store ever sees it, and no range is restated here.
import { fieldsOf, type ParamField } from '../../graph-schema/fields.ts';
import { NODE_DEFS, NODE_TYPES, type NodeType } from '../../graph-schema/schema.ts';
import { layerOf } from '../../engine/index.ts';

/** One editable param of a node type. */
export type ParamSpec = ParamField;

const byType = <V>(f: (t: NodeType) => V) =>
  Object.fromEntries(NODE_TYPES.map((t) => [t, f(t)])) as Record<NodeType, V>;

/** Editable params per node type, in the format's key order. */
export const PARAM_SPECS: Record<NodeType, ParamSpec[]> = byType((t) => fieldsOf(NODE_DEFS[t].params));

/** Params a newly added node starts with (the format's defaults, plus sensible sizes). */
export const DEFAULT_PARAMS: Record<NodeType, Record<string, unknown>> = byType((t) => ({
  ...NODE_DEFS[t].defaults,
}));

/** Short palette descriptions (one line each). */
export const NODE_BLURBS: Record<NodeType, string> = byType((t) => NODE_DEFS[t].blurb);

/** Node types that accept two or more inputs; every other type except Input takes exactly one. */
export const MULTI_INPUT_TYPES: ReadonlySet<string> = new Set(
  NODE_TYPES.filter((t) => layerOf(t).arity === 'many'),
);

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
    case 'number': {
      const checked = checkNumber(spec.label, String(raw), spec.min, spec.max, spec.kind === 'int');
      if (checked.ok && spec.minExclusive && checked.value === spec.min)
        return { ok: false, reason: `${spec.label} must be above ${spec.min}` };
      return checked;
    }
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
