// NumPy's .npy format (version 1.0), written by hand: a magic string, a small Python-literal header
// {'descr', 'fortran_order', 'shape'} padded to 64 bytes, then the raw little-endian values.
// `numpy.load` reads it in the exported script (and in any user's own code). Pure: bytes out.

/** Element types we write: float32 features/targets and int32 token or class ids. */
export type NpyDType = 'float32' | 'int32';

const DESCR: Record<NpyDType, string> = { float32: '<f4', int32: '<i4' };

/** The .npy bytes of a row-major array of the given shape (values converted to dtype). */
export function encodeNpy(shape: readonly number[], data: ArrayLike<number>, dtype: NpyDType): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`npy: shape [${shape.join(', ')}] needs ${count} values, got ${data.length}`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': ${dims}, }`;
  // magic (6) + version (2) + header length (2) + header + '\n' is a multiple of 64
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = `${header}${' '.repeat(total - 10 - header.length - 1)}\n`;
  const out = new Uint8Array(total + count * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  for (let i = 0; i < count; i++) {
    if (dtype === 'float32') view.setFloat32(total + 4 * i, data[i], true);
    else view.setInt32(total + 4 * i, data[i], true);
  }
  return out;
}

/** A decoded .npy array: row-major values as float64 (int32/float32/float64/int64 files). */
export interface NpyArray {
  shape: number[];
  dtype: string;
  data: Float64Array;
}

const READERS: Record<string, [number, (v: DataView, at: number) => number]> = {
  '<f4': [4, (v, at) => v.getFloat32(at, true)],
  '<f8': [8, (v, at) => v.getFloat64(at, true)],
  '<i4': [4, (v, at) => v.getInt32(at, true)],
  '<i8': [8, (v, at) => Number(v.getBigInt64(at, true))],
  '|u1': [1, (v, at) => v.getUint8(at)],
};

/** Reads a version 1/2/3 .npy file (C order, little-endian numbers); a message instead of throwing. */
export function decodeNpy(bytes: Uint8Array): NpyArray | string {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || !magic.every((b, i) => bytes[i] === b))
    return 'not a .npy file (no \\x93NUMPY magic)';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLen > bytes.length) return 'its header is longer than the file';
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const dims = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || dims === undefined)
    return `its header is not a NumPy array header: ${header.trim()}`;
  if (fortran === 'True') return 'it is in Fortran order; save it with numpy.ascontiguousarray';
  const reader = READERS[descr];
  if (!reader)
    return `its element type ${descr} is not one of float32, float64, int32, int64, uint8 (little-endian)`;
  const shape = dims
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  if (bytes.length - dataStart !== count * reader[0]) {
    return `shape (${shape.join(', ')}) of ${descr} needs ${count * reader[0]} bytes, the file has ${bytes.length - dataStart}`;
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = reader[1](view, dataStart + i * reader[0]);
  return { shape, dtype: descr, data };
}
