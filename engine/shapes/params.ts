// Trainable parameter counts per node, in Keras's convention (one bias per gate for SimpleRNN and
// LSTM; two for GRU as Keras reset_after=True): the total size of the tensors the node's layer
// allocates (its descriptor's paramShapes), so count and allocation cannot disagree.
export { paramCount, paramShapes } from '../layers/registry.ts';
