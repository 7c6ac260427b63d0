// Dataset options: declared once per dataset (the app's picker shows them, loadDataset checks them).
import { DatasetError } from './errors.ts';

/** One numeric or boolean option of a dataset, with its default and allowed range. */
export interface OptionSpec {
  name: string;
  /** short label for the picker */
  label: string;
  kind: 'int' | 'number' | 'boolean';
  default: number | boolean;
  min?: number;
  max?: number;
  /** one line: what it changes (and when the graph decides it instead) */
  help?: string;
}

/** Raw option values as stored in the graph's training.dataset.options. */
export type RawOptions = Record<string, unknown>;

/** The seed option every dataset accepts; the trainer passes training.seed here. */
export const SEED_OPTION: OptionSpec = {
  name: 'seed',
  label: 'seed',
  kind: 'int',
  default: 42,
  min: 0,
  max: 2 ** 32 - 1,
  help: 'same seed, same data (the trainer passes training.seed when the graph sets none)',
};

/** Checks raw options against the specs; returns every option's value (defaults filled). */
export function readOptions(
  id: string,
  specs: readonly OptionSpec[],
  raw: RawOptions | undefined,
): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  const known = new Set(specs.map((s) => s.name));
  for (const key of Object.keys(raw ?? {})) {
    if (!known.has(key)) {
      throw new DatasetError(`${id} has no option "${key}"; its options are ${[...known].join(', ')}`);
    }
  }
  for (const spec of specs) {
    const v = raw?.[spec.name];
    out[spec.name] = v === undefined || v === null ? spec.default : checkValue(id, spec, v);
  }
  return out;
}

function checkValue(id: string, spec: OptionSpec, v: unknown): number | boolean {
  if (spec.kind === 'boolean') {
    if (typeof v !== 'boolean')
      throw new DatasetError(`${id}: option ${spec.name} must be true or false, got ${JSON.stringify(v)}`);
    return v;
  }
  const range = `from ${spec.min ?? '-inf'} to ${spec.max ?? 'inf'}`;
  const what = spec.kind === 'int' ? `a whole number ${range}` : `a number ${range}`;
  if (typeof v !== 'number' || !Number.isFinite(v) || (spec.kind === 'int' && !Number.isInteger(v))) {
    throw new DatasetError(`${id}: option ${spec.name} must be ${what}, got ${JSON.stringify(v)}`);
  }
  if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
    throw new DatasetError(`${id}: option ${spec.name} must be ${what}, got ${v}`);
  }
  return v;
}

/** True when the user set the option explicitly (so a graph-derived value must not override it). */
export function isSet(raw: RawOptions | undefined, name: string): boolean {
  return raw?.[name] !== undefined && raw?.[name] !== null;
}
