// Reading and writing the tensors of reference case files ({"shape", "data"}, row-major), with
// messages that name the case and the field when something is malformed.
import type { Layer } from '../layers/layer.ts';
import { type DType, fromArray, type Tensor } from '../tensor.ts';

/** A tensor as case files write it. */
export interface CaseTensor {
  shape: number[];
  data: number[];
}

/** A case file as far as the harness needs to know (fields checked where they are read). */
export interface CaseFile {
  case?: string;
  kind: string;
  config?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  params?: Record<string, unknown>;
  upstream?: Record<string, unknown>;
  expected?: Record<string, unknown>;
}

/** The field `obj[key]` of a case as a tensor in the dtype; throws naming `where` when malformed. */
export function readTensor(
  obj: Record<string, unknown> | undefined,
  key: string,
  where: string,
  dtype: DType,
): Tensor {
  const t = obj?.[key] as Partial<CaseTensor> | undefined;
  if (!t || !Array.isArray(t.shape) || !Array.isArray(t.data)) {
    throw new Error(`${where}.${key} is missing or not a tensor {"shape": [...], "data": [...]}`);
  }
  try {
    return fromArray(t.shape, t.data, dtype);
  } catch (e) {
    throw new Error(`${where}.${key}: ${(e as Error).message}`);
  }
}

/** A tensor as plain JSON data. */
export function toCase(t: Tensor): CaseTensor {
  return { shape: [...t.shape], data: Array.from(t.data) };
}

/** A config number, or an error naming the field. */
export function configNumber(c: CaseFile, key: string): number {
  const v = c.config?.[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`${c.case ?? 'case'}: config.${key} must be a number, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Sets every layer param from `params[prefix + name]`; throws naming a missing or mis-shaped one. */
export function setLayerParams(layer: Layer, c: CaseFile, dtype: DType, prefix = ''): void {
  for (const p of layer.params) {
    const t = readTensor(c.params, prefix + p.name, `${c.case}: params`, dtype);
    if (t.shape.join(',') !== p.value.shape.join(',')) {
      throw new Error(
        `${c.case}: params.${prefix}${p.name} has shape [${t.shape.join(', ')}] but the layer needs [${p.value.shape.join(', ')}]`,
      );
    }
    p.value.data.set(t.data);
  }
}

/** Σ y ⊙ u: the layer cases' loss (README "Layer loss and upstream gradient"). */
export function dotLoss(y: Tensor, u: Tensor): number {
  if (y.data.length !== u.data.length) {
    throw new Error(`upstream.y has ${u.data.length} values but the output has ${y.data.length}`);
  }
  let s = 0;
  for (let i = 0; i < y.data.length; i++) s += y.data[i] * u.data[i];
  return s;
}
