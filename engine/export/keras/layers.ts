// Per node type: the tf.keras layer that computes it natively, and how our tensors become that
// layer's weights (Keras stores kernels transposed, [in, out], and orders GRU gates z, r, h).
import type { ExportNode } from '../plan.ts';
import { pyBool, pyStr } from '../python.ts';

/** How load_weights fills one Keras layer: WEIGHT_PLAN row (layer name, kind, our node id, direction suffixes). */
export interface KerasWeights {
  layer: string;
  kind: 'dense' | 'dense_no_bias' | 'embedding' | 'simple_rnn' | 'lstm' | 'gru';
  nodeId: string;
  directions: string[];
}

/** Why Keras cannot express a node natively, or null when it can. */
export function kerasUnsupported(n: ExportNode): string | null {
  const node = n.node;
  if (node.type === 'LSTM' && node.params.variant === 'peephole') {
    return `node '${n.id}': Keras has no peephole LSTM layer; export to PyTorch instead (--to pytorch)`;
  }
  if (node.type === 'LSTM' && node.params.variant === 'prototype') {
    return `node '${n.id}': Keras has no prototype LSTM layer; export to PyTorch instead (--to pytorch)`;
  }
  return null;
}

const ACTIVATION: Record<string, string> = {
  identity: 'linear',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
};

/** The Keras layer call producing the node's output from its inputs' variables. */
export function kerasLayerCall(n: ExportNode, args: string[]): string {
  const node = n.node;
  const name = `name=${pyStr(n.id)}`;
  switch (node.type) {
    case 'Embedding':
      return `layers.Embedding(${node.params.vocabSize}, ${node.params.dim}, ${name})(${args[0]})`;
    case 'Dense': {
      const act = ACTIVATION[node.params.activation ?? 'identity'];
      const bias = (node.params.useBias ?? true) ? '' : ', use_bias=False';
      return `layers.Dense(${node.params.units}, activation=${pyStr(act)}${bias}, ${name})(${args[0]})`;
    }
    case 'Softmax':
      return `layers.Softmax(axis=-1, ${name})(${args[0]})`;
    case 'Concat':
      return `layers.Concatenate(axis=-1, ${name})([${args.join(', ')}])`;
    case 'Add':
      return `layers.Add(${name})([${args.join(', ')}])`;
    case 'RNN':
    case 'LSTM':
    case 'GRU':
      return recurrentCall(n, args[0]);
    default:
      throw new Error(`node '${n.id}': the Keras export does not know node type ${node.type}`);
  }
}

function recurrentCall(n: ExportNode, arg: string): string {
  const node = n.node as Extract<ExportNode['node'], { type: 'RNN' | 'LSTM' | 'GRU' }>;
  const seqs = `return_sequences=${pyBool(node.params.returnSequences ?? false)}`;
  const H = node.params.units;
  let cell: string;
  if (node.type === 'RNN') {
    cell = `layers.SimpleRNN(${H}, activation=${pyStr(node.params.activation ?? 'tanh')}, ${seqs}`;
  } else if (node.type === 'LSTM') {
    const fb = node.params.forgetBias ?? 1;
    // Keras starts the forget bias at 1 (unit_forget_bias) or 0; other values only via load_weights
    const forget = `unit_forget_bias=${pyBool(fb === 1)}`;
    cell = `layers.LSTM(${H}, activation="tanh", recurrent_activation="sigmoid", ${forget}, ${seqs}`;
  } else {
    cell = `layers.GRU(${H}, activation="tanh", recurrent_activation="sigmoid", reset_after=True, ${seqs}`;
  }
  if (node.params.bidirectional) {
    return `layers.Bidirectional(${cell}), merge_mode="concat", name=${pyStr(n.id)})(${arg})`;
  }
  return `${cell}, name=${pyStr(n.id)})(${arg})`;
}

/** The WEIGHT_PLAN row of a node with parameters, or null. */
export function kerasWeights(n: ExportNode): KerasWeights | null {
  const node = n.node;
  const one = (kind: KerasWeights['kind'], directions = ['']): KerasWeights => ({
    layer: n.id,
    kind,
    nodeId: n.id,
    directions,
  });
  switch (node.type) {
    case 'Dense':
      return one((node.params.useBias ?? true) ? 'dense' : 'dense_no_bias');
    case 'Embedding':
      return one('embedding');
    case 'RNN':
    case 'LSTM':
    case 'GRU': {
      const kind = node.type === 'RNN' ? 'simple_rnn' : node.type === 'LSTM' ? 'lstm' : 'gru';
      return one(kind, node.params.bidirectional ? ['', '_rev'] : ['']);
    }
    default:
      return null;
  }
}
