// Every built-in dataset by id. Ids are part of the graph format: example graphs name them.
import { POINT_DATASETS } from './points.ts';
import { SEQUENCE_DATASETS } from './sequences.ts';
import { TEXT_DATASETS } from './text.ts';
import type { BuiltinDataset } from './types.ts';

/** All built-ins, in the order the picker shows them. */
export const BUILTINS: readonly BuiltinDataset[] = [
  ...POINT_DATASETS,
  ...SEQUENCE_DATASETS,
  ...TEXT_DATASETS,
];

/** Built-in dataset by id, or undefined. */
export function findBuiltin(id: string): BuiltinDataset | undefined {
  return BUILTINS.find((d) => d.id === id);
}
