// What flows along an edge, and the small sentences shape rules share. A rule is a pure function
// of the input shapes and the node's params (the canvas calls it with no tensors); it returns the
// output or a sentence saying what is wrong.

/** What flows along an edge: shape without the batch axis, and element type. */
export interface FlowInfo {
  shape: number[];
  dtype: 'float32' | 'int32';
}

/** One input of a node, with the id of the node it comes from (for messages). */
export interface NodeInput extends FlowInfo {
  from: string;
}

/** How many inputs a node type takes. */
export type Arity = 'none' | 'one' | 'many';

/** "[200, 128]" */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The message for token ids reaching a layer that needs vectors. */
export function idsNeedEmbedding(x: NodeInput): string {
  return `is fed raw token ids (int32) from ${x.from}: add an Embedding first to turn ids into vectors`;
}

/** The message for the first int32 input, or null when every input is float32. */
export function floatInputs(inputs: NodeInput[]): string | null {
  const ints = inputs.find((x) => x.dtype === 'int32');
  return ints ? idsNeedEmbedding(ints) : null;
}
