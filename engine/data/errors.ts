// Errors for datasets that cannot be built or cannot fit the graph. The message is for a student:
// it names the dataset and, for a misfit, both the data's shape and what the graph expects.

/** A dataset that cannot be loaded or cannot fit the graph's Input/output; `.message` says why. */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** "[40, 8]" for messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** "[40] (int32)": an Input's shape and dtype, as the inspector shows them. */
export function fmtInput(shape: readonly number[], dtype: string): string {
  return `${fmtShape(shape)} (${dtype})`;
}
