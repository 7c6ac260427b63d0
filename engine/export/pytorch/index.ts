// graph -> one readable PyTorch file: build_model(), load_weights(), the training setup, and a
// command line (`predict` prints the same JSON as our `predict`; `train` trains on a data file).
import type { ExportPlan } from '../plan.ts';
import { pyInts, pyStr } from '../python.ts';
import { MAIN_SOURCE } from './main.ts';
import { modelSource } from './model.ts';
import {
  IO_HELPERS,
  PEEPHOLE_LSTM_CELL,
  PROTOTYPE_LSTM_CELL,
  RECURRENT_HELPERS,
  RECURRENT_LOOP,
  SIGMOID_RNN_CELL,
  WEIGHTS_AND_INIT,
} from './runtime.ts';
import { trainingSource } from './training.ts';

const CELL_SOURCES: Record<string, string> = {
  SigmoidRNNCell: SIGMOID_RNN_CELL,
  PeepholeLSTMCell: PEEPHOLE_LSTM_CELL,
  PrototypeLSTMCell: PROTOTYPE_LSTM_CELL,
};

/** The Python source of the PyTorch export of a planned graph. */
export function pytorchSource(plan: ExportPlan): string {
  const model = modelSource(plan);
  const cells = [...model.cells].sort().map((c) => CELL_SOURCES[c].trim());
  if (cells.length > 0) cells.unshift(RECURRENT_LOOP.trim());
  const sections = [
    header(plan),
    'import argparse\nimport json\nimport sys\n\nimport torch\nfrom torch import nn',
    inputConstants(plan),
    IO_HELPERS.trim(),
    RECURRENT_HELPERS.trim(),
    ...cells,
    model.source,
    WEIGHTS_AND_INIT.trim(),
    trainingSource(plan),
    MAIN_SOURCE.trim(),
  ];
  return `${sections.join('\n\n\n')}\n`;
}

function header(plan: ExportPlan): string {
  const name = plan.graph.name.replace(/\\/g, '/').replace(/"""/g, "'''");
  return [
    '#!/usr/bin/env python3',
    `"""${name} -- exported from Backprop Studio to PyTorch.`,
    '',
    'Usage:',
    '  python3 THIS_FILE predict --weights WEIGHTS.json --input INPUT.json',
    '      prints {"y": {"shape": [...], "data": [...]}}, the same JSON as',
    '      `backprop-studio predict GRAPH --weights WEIGHTS.json --input INPUT.json`',
    '  python3 THIS_FILE train --data DATA.json [--weights W.json] [--save-weights OUT.json]',
    '      trains with the graph\'s optimizer, loss and clipping; DATA.json is {"x": ..., "y": ...}',
    '',
    'In Python: model = build_model(); load_weights(model, "WEIGHTS.json"); model(x).',
    '"""',
  ].join('\n');
}

function inputConstants(plan: ExportPlan): string {
  const input = plan.input.node;
  const dtype = input.type === 'Input' ? input.params.dtype : 'float32';
  const vocabs = plan.nodes
    .filter((n) => n.node.type === 'Embedding' && n.inputs.includes(plan.input.id))
    .map((n) => (n.node.type === 'Embedding' ? n.node.params.vocabSize : 0));
  const limit = dtype === 'int32' && vocabs.length > 0 ? String(Math.min(...vocabs)) : 'None';
  return [
    '# The Input node: shape without the batch axis, element type, and the token-id limit',
    '# (the smallest vocabulary of the Embeddings reading it).',
    `INPUT_ID = ${pyStr(plan.input.id)}`,
    `INPUT_SHAPE = ${pyInts(plan.input.outputShape)}`,
    `INPUT_DTYPE = ${pyStr(dtype)}`,
    `VOCAB_LIMIT = ${limit}`,
  ].join('\n');
}
