// The editable fields of a params object, read from its zod schema: every param that carries
// `.meta({ label, help })` becomes one typed field with the schema's own bounds and choices, so
// the inspector's ranges, labels and help are never restated by hand.
import { z } from 'zod';

/** One editable param, as a form shows it. `schema` has the final say on a value. */
export type ParamField = { key: string; label: string; help: string; schema: z.ZodType } & (
  | { kind: 'int' | 'number'; min: number; max: number; minExclusive: boolean }
  | { kind: 'bool' }
  | { kind: 'enum'; options: readonly string[] }
  | { kind: 'shape'; min: number; max: number; maxRank: number }
);

type Def = { check?: string; value?: number; inclusive?: boolean; maximum?: number };

function checksOf(s: z.ZodType): Def[] {
  const checks = (s._zod.def as { checks?: { _zod: { def: Def } }[] }).checks ?? [];
  return checks.map((c) => c._zod.def);
}

/** The schema under .default() and .optional(). */
function unwrap(s: z.ZodType): z.ZodType {
  let inner = s;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function numberBounds(n: z.ZodNumber): { min: number; max: number; minExclusive: boolean } {
  const lower = checksOf(n).find((c) => c.check === 'greater_than');
  return {
    min: n.minValue ?? -Number.MAX_VALUE,
    max: n.maxValue ?? Number.MAX_VALUE,
    minExclusive: lower?.inclusive === false,
  };
}

/** The field of one param, or null when it has no label (not edited in forms, e.g. `init`). */
export function fieldOf(key: string, schema: z.ZodType): ParamField | null {
  const meta = schema.meta();
  if (!meta?.label) return null;
  const base = { key, label: meta.label, help: meta.help ?? '', schema };
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) {
    return { ...base, kind: inner.isInt ? 'int' : 'number', ...numberBounds(inner) };
  }
  if (inner instanceof z.ZodBoolean) return { ...base, kind: 'bool' };
  if (inner instanceof z.ZodEnum) return { ...base, kind: 'enum', options: inner.options as string[] };
  if (inner instanceof z.ZodArray && inner.element instanceof z.ZodNumber) {
    const rank = checksOf(inner).find((c) => c.check === 'max_length')?.maximum ?? 1;
    const { min, max } = numberBounds(inner.element);
    return { ...base, kind: 'shape', min, max, maxRank: rank };
  }
  throw new Error(`param ${key}: a labelled param must be a number, boolean, enum or list of numbers`);
}

/** The labelled params of a zod object, in its key order. */
export function fieldsOf(params: z.ZodObject): ParamField[] {
  return Object.entries(params.shape).flatMap(([key, s]) => {
    const f = fieldOf(key, s as z.ZodType);
    return f ? [f] : [];
  });
}
