// Weights files: every parameter as `<nodeId>.<param>` -> {shape, data} (layouts of
// shared/reference/README.md). Loading checks every name and shape and says which tensor is wrong.
import { shapeText, sameShape } from './kernels/buffers.ts';
import type { Tensor } from './tensor.ts';
import type { WeightsFile } from './types.ts';

/** A named parameter as the model lists it. */
export interface NamedParam {
  nodeId: string;
  name: string;
  value: Tensor;
}

/** The parameters as a weights file (plain numbers, ready for JSON). */
export function exportWeights(params: readonly NamedParam[]): WeightsFile {
  const tensors: WeightsFile['tensors'] = {};
  for (const p of params) {
    tensors[`${p.nodeId}.${p.name}`] = { shape: [...p.value.shape], data: Array.from(p.value.data) };
  }
  return { format: 'backprop-studio.weights', version: 1, tensors };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies a weights file into the parameters; throws a message naming the tensor on any mismatch. */
export function importWeights(params: readonly NamedParam[], file: unknown): void {
  if (!isRecord(file) || file.format !== 'backprop-studio.weights' || !isRecord(file.tensors)) {
    throw new Error(
      'not a weights file: expected {"format": "backprop-studio.weights", "version": 1, "tensors": {...}}',
    );
  }
  if (file.version !== 1)
    throw new Error(`weights file version ${String(file.version)} is not supported (expected 1)`);
  const tensors = file.tensors;
  const known = new Set(params.map((p) => `${p.nodeId}.${p.name}`));
  for (const key of Object.keys(tensors)) {
    if (!known.has(key)) {
      throw new Error(
        `weights file has tensor "${key}", which this graph does not have (it has: ${[...known].join(', ')})`,
      );
    }
  }
  // check everything first, then copy: a bad file leaves the model untouched
  const checked = params.map((p) => {
    const key = `${p.nodeId}.${p.name}`;
    const t = tensors[key];
    if (!isRecord(t) || !Array.isArray(t.shape) || !Array.isArray(t.data)) {
      throw new Error(`weights file is missing tensor "${key}" (shape ${shapeText(p.value.shape)})`);
    }
    if (!sameShape(t.shape as number[], p.value.shape)) {
      throw new Error(
        `weights tensor "${key}" has shape ${shapeText(t.shape as number[])} but the graph needs ${shapeText(p.value.shape)}`,
      );
    }
    const data = t.data as unknown[];
    if (data.length !== p.value.data.length) {
      throw new Error(
        `weights tensor "${key}" has ${data.length} values but its shape needs ${p.value.data.length}`,
      );
    }
    const bad = data.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) throw new Error(`weights tensor "${key}" value ${bad} is not a finite number`);
    return { p, data: data as number[] };
  });
  for (const { p, data } of checked) p.value.data.set(data);
}
