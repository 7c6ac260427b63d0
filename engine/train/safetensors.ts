// Weights as safetensors (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
// length, a JSON header {name: {dtype, shape, data_offsets}} and the raw little-endian tensor bytes.
// Tensor names are our weights-file keys ("<nodeId>.<param>") with our layouts, so PyTorch's
// safetensors.torch.load_file, the exported script and the app all read the same file.
// Pure: bytes in, bytes out (no fs), so the CLI and the browser share it. Reading never throws.
import type { WeightsFile } from '../types.ts';
import { parseWeightsText, WEIGHTS_FORMAT, type WeightsParse } from './weights-file.ts';

/** Float element types we read; we write F32 (the app's and PyTorch's usual dtype) or F64. */
const DTYPE_BYTES = { F16: 2, BF16: 2, F32: 4, F64: 8 } as const;
type FloatDType = keyof typeof DTYPE_BYTES;

/** Refuse headers bigger than this before parsing them (the format's own reference limit). */
const MAX_HEADER_BYTES = 100_000_000;

/** The weights as a safetensors file; values are stored as F32 unless `dtype` is 'F64'. */
export function encodeSafetensors(
  w: WeightsFile,
  opts: { dtype?: 'F32' | 'F64'; metadata?: Record<string, string> } = {},
): Uint8Array {
  const dtype = opts.dtype ?? 'F32';
  const size = DTYPE_BYTES[dtype];
  const header: Record<string, unknown> = {
    __metadata__: { format: WEIGHTS_FORMAT, ...(opts.metadata ?? {}) },
  };
  let offset = 0;
  const entries = Object.entries(w.tensors);
  for (const [name, t] of entries) {
    const bytes = t.data.length * size;
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  // pad with spaces so the data starts 8-byte aligned (what the reference writer does)
  const headerBytes = new TextEncoder().encode(json);
  const padded = Math.ceil(headerBytes.length / 8) * 8;
  json += ' '.repeat(padded - headerBytes.length);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const [, t] of entries) {
    for (const v of t.data) {
      if (dtype === 'F32') view.setFloat32(at, v, true);
      else view.setFloat64(at, v, true);
      at += size;
    }
  }
  return out;
}

/** True when the bytes start like a safetensors file (a sane header length, then "{"). */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  return n > 1n && n <= BigInt(bytes.length - 8) && bytes[8] === 0x7b;
}

/** Reads a safetensors file into our weights format; every problem is one message naming the tensor. */
export function decodeSafetensors(bytes: Uint8Array): WeightsParse {
  if (bytes.length < 8) return fail(`the file has ${bytes.length} bytes; a safetensors file has at least 8`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    return fail(`its header length (${n} bytes) is larger than the file (${bytes.length} bytes)`);
  }
  const headerLen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    return fail(`its header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return fail('its header must be a JSON object of tensors');
  }
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const tensors: WeightsFile['tensors'] = {};
  const spans: [number, number, string][] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') {
      return fail(`tensor name "${name}" is not allowed`);
    }
    const t = readEntry(name, entry, dataLen);
    if (typeof t === 'string') return fail(t);
    spans.push([t.begin, t.end, name]);
    tensors[name] = { shape: t.shape, data: readValues(view, dataStart + t.begin, t.count, t.dtype) };
    const bad = tensors[name].data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return fail(`tensor "${name}": value ${bad} is not a finite number`);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1])
      return fail(`tensors "${spans[i - 1][2]}" and "${spans[i][2]}" overlap`);
  }
  return { ok: true, weights: { format: WEIGHTS_FORMAT, version: 1, tensors } };
}

interface Entry {
  dtype: FloatDType;
  shape: number[];
  begin: number;
  end: number;
  count: number;
}

function readEntry(name: string, entry: unknown, dataLen: number): Entry | string {
  const where = `tensor "${name}"`;
  if (typeof entry !== 'object' || entry === null)
    return `${where} must be {"dtype", "shape", "data_offsets"}`;
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) {
    return `${where} has dtype ${JSON.stringify(dtype)}; weights must be F32, F64, F16 or BF16`;
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    return `${where}: shape must be a list of whole numbers`;
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isInteger(o) && o >= 0) ||
    offsets[0] > offsets[1] ||
    offsets[1] > dataLen
  ) {
    return `${where}: data_offsets ${JSON.stringify(offsets)} are not a range inside the ${dataLen} data bytes`;
  }
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  const size = DTYPE_BYTES[dtype as FloatDType];
  if (offsets[1] - offsets[0] !== count * size) {
    return `${where}: shape [${shape.join(', ')}] in ${dtype} needs ${count * size} bytes, its offsets give ${offsets[1] - offsets[0]}`;
  }
  return { dtype: dtype as FloatDType, shape: shape as number[], begin: offsets[0], end: offsets[1], count };
}

function readValues(view: DataView, at: number, count: number, dtype: FloatDType): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    if (dtype === 'F32') out[i] = view.getFloat32(at + 4 * i, true);
    else if (dtype === 'F64') out[i] = view.getFloat64(at + 8 * i, true);
    else if (dtype === 'BF16') out[i] = bf16(view.getUint16(at + 2 * i, true));
    else out[i] = f16(view.getUint16(at + 2 * i, true));
  }
  return out;
}

const scratch = new DataView(new ArrayBuffer(4));
function bf16(bits: number): number {
  scratch.setUint32(0, bits << 16);
  return scratch.getFloat32(0);
}

function f16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function fail(message: string): WeightsParse {
  return { ok: false, message: `not a readable safetensors file: ${message}` };
}

/** Reads a weights file from its name and bytes: `.safetensors` (or safetensors bytes) or our JSON. */
export function parseWeightsBytes(name: string, bytes: Uint8Array): WeightsParse {
  if (isSafetensorsName(name) || looksLikeSafetensors(bytes)) return decodeSafetensors(bytes);
  return parseWeightsText(new TextDecoder().decode(bytes));
}

/** True for a file name that asks for safetensors. */
export function isSafetensorsName(name: string): boolean {
  return name.toLowerCase().endsWith('.safetensors');
}
