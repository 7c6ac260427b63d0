// Entry point of the recurrent layers: builds an RNN, LSTM (standard, peephole, prototype) or GRU
// layer from its graph node, with Keras-default initialization (init overrides honoured).
import type { NodeOfType } from '../../../graph-schema/schema.ts';
import type { Rng } from '../../random.ts';
import type { DType } from '../../tensor.ts';
import type { Cell } from './cell.ts';
import { GruCell } from './gru.ts';
import { LstmCell } from './lstm.ts';
import { PrototypeLstmCell } from './lstm-prototype.ts';
import type { RecurrentInit } from './params.ts';
import { initInputKernel, initRecurrentKernel } from './params.ts';
import { RecurrentLayer } from './recurrent-layer.ts';
import { RnnCell } from './rnn.ts';

export type { FinalStateGrads, FinalStates, RecurrentConfig } from './recurrent-layer.ts';
export { RecurrentLayer } from './recurrent-layer.ts';

/** A recurrent graph node. */
export type RecurrentNode = NodeOfType<'RNN'> | NodeOfType<'LSTM'> | NodeOfType<'GRU'>;

/** A cell factory for the node (one call per direction). */
function cellFactory(node: RecurrentNode, H: number, I: number, dtype: DType): () => Cell {
  switch (node.type) {
    case 'RNN':
      return () => new RnnCell(H, I, dtype, node.params.activation ?? 'tanh');
    case 'GRU':
      return () => new GruCell(H, I, dtype);
    case 'LSTM': {
      const variant = node.params.variant ?? 'standard';
      if (variant === 'prototype') return () => new PrototypeLstmCell(H, I, dtype);
      return () => new LstmCell(H, I, dtype, variant === 'peephole');
    }
  }
}

/**
 * Build a recurrent layer for a node and its input shape [T, F] (no batch). Output [T, D*units] with
 * returnSequences, else [D*units] (D = 2 when bidirectional). Params per direction: W_ih [G*H, F],
 * W_hh [G*H, H], b [G*H] (GRU: b_ih, b_hh), peephole p_i, p_f, p_o [H]; the reverse direction's
 * names end in _rev.
 */
export function createRecurrentLayer(
  node: RecurrentNode,
  inputShape: number[],
  dtype: DType,
  rng: Rng,
): RecurrentLayer {
  if (inputShape.length !== 2) {
    throw new Error(
      `${node.type} "${node.id}" needs a sequence input [steps, features], got [${inputShape.join(', ')}]` +
        ' (put an Embedding before it, or give the Input two dimensions)',
    );
  }
  const [T, I] = inputShape;
  const H = node.params.units;
  const layer = new RecurrentLayer(
    dtype,
    {
      id: node.id,
      type: node.type,
      units: H,
      inputSize: I,
      steps: T,
      returnSequences: node.params.returnSequences ?? false,
      bidirectional: node.params.bidirectional ?? false,
    },
    cellFactory(node, H, I, dtype),
  );
  const forgetBias = node.type === 'LSTM' ? (node.params.forgetBias ?? 1) : 0;
  initialize(layer, node.params.init, H, forgetBias, rng);
  return layer;
}

/** Keras defaults: glorot-uniform W_ih, orthogonal W_hh, zero biases (LSTM forget block = forgetBias). */
function initialize(
  layer: RecurrentLayer,
  init: RecurrentInit | undefined,
  H: number,
  forgetBias: number,
  rng: Rng,
): void {
  for (const p of layer.params) {
    const base = p.name.replace(/_rev$/, '');
    if (base === 'W_ih') initInputKernel(p, init, rng);
    else if (base === 'W_hh') initRecurrentKernel(p, init, rng);
    else if (base === 'b' && forgetBias !== 0) p.value.data.fill(forgetBias, H, 2 * H); // gate order i, f, ...
    // b_ih, b_hh and peepholes stay zero
  }
}
