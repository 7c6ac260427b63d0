// THE list of node types of the format: one line per type, in palette order. NODE_TYPES, the
// discriminated union of nodes and the JSON Schema are derived from it (schema.ts).
import { add } from './add.ts';
import { concat } from './concat.ts';
import { dense } from './dense.ts';
import { dropout } from './dropout.ts';
import { embedding } from './embedding.ts';
import { gru } from './gru.ts';
import { input } from './input.ts';
import { layerNorm } from './layer-norm.ts';
import { lstm } from './lstm.ts';
import { positionalEmbedding } from './positional-embedding.ts';
import { rnn } from './rnn.ts';
import { selfAttention } from './self-attention.ts';
import { softmax } from './softmax.ts';

export const NODE_DEFS = {
  Input: input,
  Embedding: embedding,
  Dense: dense,
  RNN: rnn,
  LSTM: lstm,
  GRU: gru,
  Softmax: softmax,
  Concat: concat,
  Add: add,
  Dropout: dropout,
  LayerNorm: layerNorm,
  SelfAttention: selfAttention,
  PositionalEmbedding: positionalEmbedding,
} as const;
