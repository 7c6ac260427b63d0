// The weights file: {"format": "backprop-studio.weights", "version": 1, "tensors": {"<nodeId>.<param>":
// {"shape": [...], "data": [...]}}}. Reading checks everything a hand-edited or foreign file can get
// wrong and says what and where; it never throws.
import { findSyntaxError, lineColumn } from '../../graph-schema/json-text.ts';
import { sizeOf } from '../tensor.ts';
import type { WeightsFile } from '../types.ts';

export const WEIGHTS_FORMAT = 'backprop-studio.weights';

/** Parse result: the file, or one message for a student. */
export type WeightsParse = { ok: true; weights: WeightsFile } | { ok: false; message: string };

/** Validates a parsed JSON value as a weights file (shapes match data lengths, numbers finite). */
export function validateWeights(doc: unknown): WeightsParse {
  if (!isObject(doc)) return fail('a weights file must be a JSON object');
  if (doc.format !== WEIGHTS_FORMAT) return fail(`"format" must be "${WEIGHTS_FORMAT}"`);
  if (doc.version !== 1) return fail(`"version" must be 1, got ${JSON.stringify(doc.version)}`);
  if (!isObject(doc.tensors)) return fail('"tensors" must be an object of {"shape": [...], "data": [...]}');
  const tensors: WeightsFile['tensors'] = {};
  for (const [name, t] of Object.entries(doc.tensors)) {
    const where = `tensor "${name}"`;
    if (!isObject(t) || !Array.isArray(t.shape) || !Array.isArray(t.data)) {
      return fail(`${where} must be {"shape": [...], "data": [...]}`);
    }
    if (!t.shape.every((d) => Number.isInteger(d) && d >= 0))
      return fail(`${where}: shape must be whole numbers`);
    const shape = t.shape as number[];
    if (t.data.length !== sizeOf(shape)) {
      return fail(
        `${where}: shape [${shape.join(', ')}] needs ${sizeOf(shape)} values, the data has ${t.data.length}`,
      );
    }
    const bad = t.data.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) return fail(`${where}: data[${bad}] is not a finite number`);
    tensors[name] = { shape, data: t.data as number[] };
  }
  return { ok: true, weights: { format: WEIGHTS_FORMAT, version: 1, tensors } };
}

/** Parses the text of a weights file. */
export function parseWeightsText(text: string): WeightsParse {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // the same line-and-column message as graph files, not the runtime's own wording
    const { offset, problem } = findSyntaxError(text);
    const { line, column } = lineColumn(text, offset);
    return fail(`not valid JSON at line ${line}, column ${column}: ${problem}`);
  }
  return validateWeights(doc);
}

/** Serializes weights as JSON text (one tensor per line keeps diffs and quick looks readable). */
export function weightsToText(w: WeightsFile): string {
  const lines = Object.entries(w.tensors).map(
    ([name, t]) =>
      `    ${JSON.stringify(name)}: {"shape": ${JSON.stringify(t.shape)}, "data": ${JSON.stringify(t.data)}}`,
  );
  return `{\n  "format": "${WEIGHTS_FORMAT}",\n  "version": 1,\n  "tensors": {\n${lines.join(',\n')}\n  }\n}\n`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(message: string): WeightsParse {
  return { ok: false, message };
}
