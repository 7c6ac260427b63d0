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
