// RNN node type: the vanilla recurrent layer (cells in recurrent/rnn.ts). PyTorch's nn.RNN is exact
// for tanh and relu; the sigmoid variant exports as a small custom cell.
import { kerasRecurrentInitArgs } from '../export/keras/init-args.ts';
import { callModule } from '../export/pytorch/spec.ts';
import { pyStr } from '../export/python.ts';
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

export const rnnLayer: LayerDescriptor<'RNN'> = {
  arity: 'one',
  infer: inferRecurrent,
  paramShapes: (node, shapes) =>
    recurrentParamShapes(node, shapes, (H, F) => [
      { name: 'W_ih', shape: [H, F] },
      { name: 'W_hh', shape: [H, H] },
      { name: 'b', shape: [H] },
    ]),
  create: (node, shapes, dtype, rng) => createRecurrentLayer(node, shapes[0], dtype, rng),
  card: (node) => {
    const act = node.params.activation;
    return recurrentCard(node, act && act !== 'tanh' ? [act] : []);
  },
  perStep: true,
  pytorch: {
    module: (n) =>
      recurrentModule(n, {
        params: ['W_ih', 'W_hh', 'b'],
        cell: n.node.params.activation === 'sigmoid' ? 'SigmoidRNNCell' : null,
        module: 'nn.RNN',
        moduleArgs: `, nonlinearity=${pyStr(n.node.params.activation)}`,
        singleBias: true,
        forgetBias: 0,
      }),
    forward: callModule,
  },
  keras: {
    call: (n, [x]) =>
      recurrentKerasCall(
        n,
        `layers.SimpleRNN(${n.node.params.units}, activation=${pyStr(n.node.params.activation)}${kerasRecurrentInitArgs(n, 1, n.node.params.units)}`,
        x,
      ),
    // Keras kernels are [in, units]
    weights: (n) => recurrentKerasWeights(n, '[get("W_ih").T, get("W_hh").T, get("b")]'),
  },
};
