// Dataset contract: what the trainer consumes and what the app previews. Plain data only.
import type { Tensor } from '../tensor.ts';

/** What the model's output is trained to predict. */
export type TaskKind =
  | 'classification' // y: [N] class ids (or [N, T] ids for per-step classification), softmax + CE
  | 'binary' // y: [N, 1] 0/1 floats, sigmoid + BCE
  | 'regression' // y: [N, ...outputShape] floats, MSE
  | 'language-model'; // y: [N, T] next-token ids, per-step softmax + CE; perplexity applies

/** What the graph's Input (and output) look like; datasets shape themselves to fit. */
export interface InputSpec {
  /** Input node shape without batch, e.g. [2], [40], [40, 8] */
  shape: number[];
  dtype: 'float32' | 'int32';
  /** Embedding vocabSize when an Embedding consumes the Input (caps the vocabulary) */
  vocabSize?: number;
  /** the model's output shape without batch, when known (e.g. [3] or [T, V]) */
  outputShape?: number[];
}

/** A loaded dataset: all rows in memory, ready to batch. */
export interface Dataset {
  /** e.g. "builtin:spirals" or "upload:my.csv" */
  id: string;
  /** one line for a student: what the rows are and what is predicted */
  description: string;
  task: TaskKind;
  /** [N, ...InputSpec.shape]; token ids are exact integers in the float array */
  x: Tensor;
  /** targets; layout per TaskKind */
  y: Tensor;
  numClasses?: number;
  /** token strings by id, for token datasets (id 0 is padding where padding is used) */
  vocab?: string[];
  /** how text maps to tokens, for inference on typed text */
  tokenizer?: 'char' | 'word';
  /** the id that is padding by construction (word vocabularies: 0, "<pad>"); absent when every id
   *  is a real token (character vocabularies: id 0 is a character) */
  padId?: number;
  /** the token that ends one item and starts the next (names: "."), when the data has one */
  endToken?: string;
  /** class names by id, when meaningful */
  classNames?: string[];
  /** rows for training and for validation when the data comes already split (an export-data folder);
   *  otherwise the trainer splits with training.validationSplit and the seed */
  split?: { train: Int32Array; val: Int32Array };
}

/** An error in the user's data, tied to where it is. */
export interface DataError {
  message: string;
  line?: number;
  column?: number;
}
