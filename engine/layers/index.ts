// THE list of layer descriptors: one line per node type of the format (graph-schema/nodes/index.ts).
// `satisfies` makes a missing or extra type a compile error. Everything per type in the engine, the
// canvas and the exporters reads from here (registry.ts).
import type { NodeType } from '../../graph-schema/schema.ts';
import { addLayer } from './add.ts';
import { concatLayer } from './concat.ts';
import { denseLayer } from './dense.ts';
import { dropoutLayer } from './dropout.ts';
import type { LayerDescriptor } from './descriptor.ts';
import { embeddingLayer } from './embedding.ts';
import { gruLayer } from './gru.ts';
import { inputLayer } from './input.ts';
import { layerNormLayer } from './layer-norm.ts';
import { lstmLayer } from './lstm.ts';
import { positionalEmbeddingLayer } from './positional-embedding.ts';
import { rnnLayer } from './rnn.ts';
import { selfAttentionLayer } from './self-attention.ts';
import { softmaxLayer } from './softmax.ts';

export const LAYERS = {
  Input: inputLayer,
  Embedding: embeddingLayer,
  Dense: denseLayer,
  RNN: rnnLayer,
  LSTM: lstmLayer,
  GRU: gruLayer,
  Softmax: softmaxLayer,
  Concat: concatLayer,
  Add: addLayer,
  Dropout: dropoutLayer,
  LayerNorm: layerNormLayer,
  SelfAttention: selfAttentionLayer,
  PositionalEmbedding: positionalEmbeddingLayer,
} satisfies { [T in NodeType]: LayerDescriptor<T> };
