// Trainable parameter counts per node, in Keras's convention (one bias per gate for SimpleRNN and
// LSTM; two for GRU as Keras reset_after=True), so a summary matches Keras's for the same model.
import type { GraphNode } from '../../graph-schema/schema.ts';

/** Parameters of one direction of a recurrent layer with `units` u reading `f` features per step. */
export function recurrentParams(node: GraphNode, f: number): number {
  if (node.type === 'RNN') return node.params.units * (f + node.params.units + 1);
  if (node.type === 'LSTM') {
    const u = node.params.units;
    const gates = 4 * u * (f + u + 1); // i, f, c, o: input kernel, recurrent kernel, one bias each
    return node.params.variant === 'peephole' ? gates + 3 * u : gates; // + diagonal p_i, p_f, p_o
  }
  if (node.type === 'GRU') {
    const u = node.params.units;
    return 3 * u * (f + u + 2); // z, r, h with input and recurrent biases (reset_after)
  }
  return 0;
}

/**
 * Trainable parameters of `node` when its (first) input has shape `inputShape` (no batch axis).
 * Layers without weights give 0; a layer that needs an input shape and has none gives 0.
 */
export function paramCount(node: GraphNode, inputShape: readonly number[] | null): number {
  const last = inputShape && inputShape.length > 0 ? inputShape[inputShape.length - 1] : null;
  switch (node.type) {
    case 'Embedding':
      return node.params.vocabSize * node.params.dim; // one dim-vector per token id
    case 'Dense':
      if (last === null) return 0;
      return last * node.params.units + (node.params.useBias ? node.params.units : 0);
    case 'RNN':
    case 'LSTM':
    case 'GRU':
      if (last === null) return 0;
      return recurrentParams(node, last) * (node.params.bidirectional ? 2 : 1);
    default:
      return 0; // Input, Softmax, Concat, Add
  }
}
