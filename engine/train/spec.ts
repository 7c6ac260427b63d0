// What a dataset must look like to feed a compiled model: the InputSpec of engine/data/types.ts,
// read from the graph's Input node, the Embedding(s) it feeds and the model's output shape.
import type { Graph } from '../../graph-schema/schema.ts';
import type { InputSpec } from '../data/types.ts';

/** The InputSpec of a model: Input shape and dtype, Embedding vocabSize, output shape. */
export function inputSpecOf(model: { graph: Graph; order: string[]; outputShape: number[] }): InputSpec {
  const g = model.graph;
  const inputId = model.order[0];
  const input = g.nodes.find((n) => n.id === inputId);
  if (input?.type !== 'Input') throw new Error('the graph has no Input node');
  const spec: InputSpec = {
    shape: [...input.params.shape],
    dtype: input.params.dtype,
    outputShape: [...model.outputShape],
  };
  // Token ids must fit every Embedding the Input feeds: the smallest vocabSize caps the vocabulary.
  for (const e of g.edges) {
    if (e.source !== inputId) continue;
    const t = g.nodes.find((n) => n.id === e.target);
    if (t?.type === 'Embedding')
      spec.vocabSize = Math.min(spec.vocabSize ?? t.params.vocabSize, t.params.vocabSize);
  }
  return spec;
}
