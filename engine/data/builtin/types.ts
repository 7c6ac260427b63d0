// What a built-in dataset declares (for the app's picker) and how it loads.
import type { OptionSpec, RawOptions } from '../options.ts';
import type { Dataset, InputSpec, TaskKind } from '../types.ts';

/** A built-in dataset as the picker lists it: plain data, safe to send to the UI. */
export interface BuiltinInfo {
  /** e.g. "builtin:spirals"; graphs name it in training.dataset.id */
  id: string;
  title: string;
  /** a sentence for a student: what the rows are and what is predicted */
  description: string;
  /** the usual task; 2-class datasets become 'binary' when the model ends in Dense(1) sigmoid */
  task: TaskKind;
  options: OptionSpec[];
  /** an Input that fits with default options (shape without batch; vocabSize for an Embedding after it) */
  input: { shape: number[]; dtype: 'float32' | 'int32'; vocabSize?: number };
  /** one line: which Inputs and outputs fit (ids vs one-hot, output width) */
  suits: string;
  /** where shipped data comes from and its license; absent for generated data */
  source?: string;
}

/** A built-in dataset: its description plus the loader. */
export interface BuiltinDataset extends BuiltinInfo {
  load(raw: RawOptions | undefined, spec: InputSpec): Dataset | Promise<Dataset>;
}
