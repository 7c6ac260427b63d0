// GRU node type (cell in recurrent/gru.ts): PyTorch's nn.GRU equations, i.e. Keras's reset_after=True.
import { kerasRecurrentInitArgs } from '../export/keras/init-args.ts';
import { callModule } from '../export/pytorch/spec.ts';
import type { LayerDescriptor } from './descriptor.ts';
import {
  inferRecurrent,
  recurrentCard,
  recurrentKerasCall,
  recurrentKerasWeights,
  recurrentModule,
  recurrentParamShapes,
} from './recurrent/describe.ts';
import { createRecurrentLayer } from './recurrent/index.ts';

export const gruLayer: LayerDescriptor<'GRU'> = {
  arity: 'one',
  infer: inferRecurrent,
  // gates stacked r, z, n with input and recurrent biases (reset_after)
  paramShapes: (node, shapes) =>
    recurrentParamShapes(node, shapes, (H, F) => [
      { name: 'W_ih', shape: [3 * H, F] },
      { name: 'W_hh', shape: [3 * H, H] },
      { name: 'b_ih', shape: [3 * H] },
      { name: 'b_hh', shape: [3 * H] },
    ]),
  create: (node, shapes, dtype, rng) => createRecurrentLayer(node, shapes[0], dtype, rng),
  card: (node) => recurrentCard(node),
  perStep: true,
  pytorch: {
    module: (n) =>
      recurrentModule(n, {
        params: ['W_ih', 'W_hh', 'b_ih', 'b_hh'],
        cell: null,
        module: 'nn.GRU',
        moduleArgs: '',
        singleBias: false,
        forgetBias: 0,
      }),
    forward: callModule,
  },
  keras: {
    call: (n, [x]) =>
      recurrentKerasCall(
        n,
        `layers.GRU(${n.node.params.units}, activation="tanh", recurrent_activation="sigmoid", reset_after=True${kerasRecurrentInitArgs(n, 3, n.node.params.units)}`,
        x,
      ),
    // Keras orders the gates z, r, h and keeps both biases as one [2, 3 * units] array
    weights: (n) =>
      recurrentKerasWeights(
        n,
        '[gru_gates_zrh(get("W_ih")).T, gru_gates_zrh(get("W_hh")).T, np.stack([gru_gates_zrh(get("b_ih")), gru_gates_zrh(get("b_hh"))])]',
      ),
  },
};
