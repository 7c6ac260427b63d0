// LSTM node type (cells in recurrent/lstm.ts and lstm-prototype.ts). PyTorch's nn.LSTM is exact for
// the standard variant; the peephole and prototype variants export as custom cells and have no
// Keras layer.
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

const CUSTOM_CELL = { standard: null, peephole: 'PeepholeLSTMCell', prototype: 'PrototypeLSTMCell' } as const;

export const lstmLayer: LayerDescriptor<'LSTM'> = {
  arity: 'one',
  infer: inferRecurrent,
  // gates stacked i, f, g, o; one bias per gate (Keras's count); peepholes are diagonal
  paramShapes: (node, shapes) =>
    recurrentParamShapes(node, shapes, (H, F) => [
      { name: 'W_ih', shape: [4 * H, F] },
      { name: 'W_hh', shape: [4 * H, H] },
      { name: 'b', shape: [4 * H] },
      ...(node.params.variant === 'peephole'
        ? ['p_i', 'p_f', 'p_o'].map((name) => ({ name, shape: [H] }))
        : []),
    ]),
  create: (node, shapes, dtype, rng) => createRecurrentLayer(node, shapes[0], dtype, rng),
  card: (node) => {
    const v = node.params.variant;
    return recurrentCard(node, v && v !== 'standard' ? [v] : []);
  },
  perStep: true,
  pytorch: {
    module: (n) =>
      recurrentModule(n, {
        params:
          n.node.params.variant === 'peephole'
            ? ['W_ih', 'W_hh', 'b', 'p_i', 'p_f', 'p_o']
            : ['W_ih', 'W_hh', 'b'],
        cell: CUSTOM_CELL[n.node.params.variant],
        module: 'nn.LSTM',
        moduleArgs: '',
        singleBias: true,
        forgetBias: n.node.params.forgetBias,
      }),
    forward: callModule,
  },
  keras: {
    unsupported: (n) =>
      n.node.params.variant === 'standard'
        ? null
        : `node '${n.id}': Keras has no ${n.node.params.variant} LSTM layer; export to PyTorch instead (--to pytorch)`,
    call: (n, [x]) => {
      // forget bias 1 is unit_forget_bias=True, 0 False, any other value the file's ForgetBias initializer
      const p = n.node.params;
      const init = kerasRecurrentInitArgs(n, 4, p.units, p.forgetBias);
      const head = `layers.LSTM(${p.units}, activation="tanh", recurrent_activation="sigmoid"${init}`;
      return recurrentKerasCall(n, head, x);
    },
    // same gate order (i, f, c, o); Keras kernels are [in, 4 * units]
    weights: (n) => recurrentKerasWeights(n, '[get("W_ih").T, get("W_hh").T, get("b")]'),
  },
};
