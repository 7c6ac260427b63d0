// Fitting data to the graph: checks that rows match the Input (shape and dtype) and targets match the
// output, and turns token ids into what the Input takes (ids for an Embedding, or one-hot vectors).
// Every misfit is a DatasetError that names the data's shape and the graph's.
import type { Tensor } from '../tensor.ts';
import { DatasetError, fmtInput, fmtShape } from './errors.ts';
import type { InputSpec } from './types.ts';

/** Requires a float32 Input of exactly [width] (tabular/2D data). */
export function requireVectorInput(id: string, spec: InputSpec, width: number): void {
  if (spec.dtype !== 'float32' || spec.shape.length !== 1 || spec.shape[0] !== width) {
    throw new DatasetError(
      `${id} gives rows of shape ${fmtShape([width])} (float32) but the Input expects ${fmtInput(spec.shape, spec.dtype)}: ` +
        `set the Input's shape to ${fmtShape([width])} and its dtype to float32`,
    );
  }
}

/** How token sequences enter the graph: int32 ids [T] (Embedding follows) or one-hot float32 [T, width]. */
export interface TokenLayout {
  length: number;
  oneHot: boolean;
  /** one-hot vector length (the Input's last dim); 0 for ids */
  width: number;
}

/** Reads the token layout from the Input; `vocab` is how many token ids the data uses. */
export function tokenLayout(id: string, spec: InputSpec, vocab: number): TokenLayout {
  const shape = fmtInput(spec.shape, spec.dtype);
  if (spec.dtype === 'int32') {
    if (spec.shape.length !== 1) {
      throw new DatasetError(
        `${id} gives sequences of token ids of shape [T] but the Input expects ${shape}: an int32 Input takes ids of shape [T]`,
      );
    }
    if (spec.vocabSize !== undefined && spec.vocabSize < vocab) {
      throw new DatasetError(
        `${id} uses ${vocab} token ids but the Embedding's vocabSize is ${spec.vocabSize}: raise vocabSize to at least ${vocab}`,
      );
    }
    return { length: spec.shape[0], oneHot: false, width: 0 };
  }
  if (spec.shape.length !== 2 || spec.shape[1] < vocab) {
    const t = spec.shape[0] ?? 'T';
    throw new DatasetError(
      `${id} gives sequences of one-hot vectors of shape [${t}, ${vocab}] (a vocabulary of ${vocab}) but the Input expects ${shape}: ` +
        `use a float32 Input [${t}, ${vocab}], or an int32 Input [${t}] followed by an Embedding`,
    );
  }
  return { length: spec.shape[0], oneHot: true, width: spec.shape[1] };
}

/** Token ids [n, length] (row-major) as the Input's tensor: [n, length] ids or [n, length, width] one-hot. */
export function tokensToX(ids: ArrayLike<number>, n: number, layout: TokenLayout): Tensor {
  const { length, oneHot, width } = layout;
  if (!oneHot) return { shape: [n, length], data: Float32Array.from(ids) };
  const data = new Float32Array(n * length * width);
  for (let i = 0; i < n * length; i++) data[i * width + ids[i]] = 1;
  return { shape: [n, length, width], data };
}

/** Task and target layout for a class-labelled dataset, from the model's output shape ([1] = binary). */
export function classTask(
  id: string,
  classes: number,
  spec: InputSpec,
  preferBinary = false,
): 'binary' | 'classification' {
  const out = spec.outputShape;
  if (!out) return preferBinary && classes === 2 ? 'binary' : 'classification';
  if (out.length === 1 && out[0] === 1) {
    if (classes === 2) return 'binary';
    throw new DatasetError(
      `${id} has ${classes} classes but the model's output is [1]: end with Dense(${classes}) and a Softmax, or use 2 classes`,
    );
  }
  if (out.length !== 1 || out[0] !== classes) {
    throw new DatasetError(
      `${id} has ${classes} classes (targets of shape [${classes}]) but the model's output is ${fmtShape(out)}: ` +
        `end with Dense(${classes}) and a Softmax${classes === 2 ? ', or Dense(1) with a sigmoid' : ''}`,
    );
  }
  return 'classification';
}

/** Class ids as targets: [N] ids for 'classification', [N, 1] 0/1 for 'binary'. */
export function classTargets(labels: ArrayLike<number>, task: 'binary' | 'classification'): Tensor {
  const data = Float32Array.from(labels);
  return task === 'binary' ? { shape: [data.length, 1], data } : { shape: [data.length], data };
}

/** The number of classes the graph's output asks for, if it names one ([K] with K >= 2, or [1] = 2). */
export function classesFromOutput(spec: InputSpec): number | undefined {
  const out = spec.outputShape;
  if (out?.length !== 1) return undefined;
  return out[0] === 1 ? 2 : out[0];
}

/** Requires the model's output to match a target shape (regression, language models). */
export function requireOutput(id: string, spec: InputSpec, target: readonly number[], fix: string): void {
  const out = spec.outputShape;
  if (!out) return;
  if (out.length !== target.length || out.some((d, i) => d !== target[i])) {
    throw new DatasetError(
      `${id} has targets of shape ${fmtShape(target)} but the model's output is ${fmtShape(out)}: ${fix}`,
    );
  }
}

/** Language-model output check: [T, K] with K at least the vocabulary. */
export function requireLmOutput(id: string, spec: InputSpec, length: number, vocab: number): void {
  const out = spec.outputShape;
  if (!out) return;
  if (out.length !== 2 || out[0] !== length || out[1] < vocab) {
    throw new DatasetError(
      `${id} predicts the next token at every step, targets [${length}] over ${vocab} tokens, but the model's output is ${fmtShape(out)}: ` +
        `it should be [${length}, ${vocab}] (return sequences from the recurrent layer, then Dense(${vocab}) and a Softmax)`,
    );
  }
}

/** Most elements a one-hot input may have (128 MB of float32); beyond that, ids + Embedding. */
export const MAX_ONE_HOT_ELEMENTS = 32 * 1024 * 1024;

/** Refuses one-hot inputs too big for a browser tab, with the way out. */
export function checkOneHotSize(id: string, n: number, length: number, width: number): void {
  if (n * length * width > MAX_ONE_HOT_ELEMENTS) {
    throw new DatasetError(
      `${id} as one-hot vectors would be [${n}, ${length}, ${width}] = ${(n * length * width).toExponential(1)} numbers, too big to train in a browser: ` +
        `use an int32 Input [${length}] followed by an Embedding`,
    );
  }
}
