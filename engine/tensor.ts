// Tensors: a shape and a contiguous row-major typed array. Token ids travel as exact integers in float
// arrays (exact up to 2^24 in float32, far above any vocabulary cap), so one tensor type serves all.

/** Float precision of a model: float32 for training, float64 for finite-difference checks. */
export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

/** A dense row-major tensor; `data.length` equals the product of `shape`. */
export interface Tensor {
  shape: number[];
  data: FloatArray;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A typed array of the dtype with n zeros. */
export function allocArray(dtype: DType, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

/** A zero tensor of the shape. */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return { shape: [...shape], data: allocArray(dtype, sizeOf(shape)) };
}

/** A tensor from plain numbers (copied into the dtype's array). */
export function fromArray(shape: readonly number[], values: ArrayLike<number>, dtype: DType = 'float32'): Tensor {
  if (values.length !== sizeOf(shape)) {
    throw new Error(`tensor data has ${values.length} values but shape [${shape.join(', ')}] needs ${sizeOf(shape)}`);
  }
  const data = allocArray(dtype, values.length);
  data.set(values);
  return { shape: [...shape], data };
}

/** The dtype of an array. */
export function dtypeOf(a: FloatArray): DType {
  return a instanceof Float64Array ? 'float64' : 'float32';
}

/** Euclidean norm of all elements (accumulated in float64). */
export function l2norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}
