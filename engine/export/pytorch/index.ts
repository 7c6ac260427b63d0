// graph -> one readable PyTorch file: build_model(), load_weights(), the training setup, and a
// command line (`predict` prints the same JSON as our `predict`; `train` trains on a data file).
import type { ExportPlan } from '../plan.ts';
import { pyInts, pyStr } from '../python.ts';
import { TRAINING_ARTEFACTS, WEIGHTS_IO } from './artefacts.ts';
import { DATA_SOURCE } from './data-source.ts';
import { DISTRIBUTED_SOURCE } from './distributed.ts';
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
    IMPORTS,
    inputConstants(plan, model.cells.size > 0),
    IO_HELPERS.trim(),
    RECURRENT_HELPERS.trim(),
    ...cells,
    ...model.classes.map((c) => c.trim()),
    model.source,
    WEIGHTS_AND_INIT.trim(),
    WEIGHTS_IO.trim(),
    trainingSource(plan),
    DATA_SOURCE.trim(),
    DISTRIBUTED_SOURCE.trim(),
    TRAINING_ARTEFACTS.trim(),
    MAIN_SOURCE.trim(),
  ];
  return `${sections.join('\n\n\n')}\n`;
}

/** The imports; a Python without torch gets one line saying how to install it, not a traceback. */
const IMPORTS = [
  'import argparse',
  'import csv',
  'import json',
  'import math',
  'import os',
  'import re',
  'import sys',
  'import unicodedata',
  'import warnings',
  'from typing import List, Tuple',
  '',
  'try:',
  '    import torch',
  '    from torch import nn',
  'except ImportError:',
  '    print("error: this script needs PyTorch: pip install torch (Debian/Ubuntu: apt install python3-torch); see https://pytorch.org", file=sys.stderr)',
  '    sys.exit(1)',
].join('\n');

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
    '  python3 THIS_FILE train --data DIR|FILE [--epochs N] [--device auto|cpu|cuda|mps] [--json]',
    '      [--save-weights OUT.safetensors] [--checkpoint CKPT.pt] [--resume CKPT.pt] [--onnx OUT.onnx]',
    "      trains with the graph's optimizer, loss, clipping and batch size; DIR is written by",
    '      `backprop-studio export-data GRAPH -o DIR`; FILE is a text,label .csv or a .txt corpus',
    '      (read with the exported vocabulary) or {"x": ..., "y": ...} tensors (.json).',
    '      Each epoch reports loss, accuracy and the validation loss/accuracy/perplexity as the app does.',
    '  torchrun --nproc_per_node=N THIS_FILE train ...   trains data-parallel (DistributedDataParallel)',
    '  python3 THIS_FILE train --help                    every option',
    '',
    'In Python: model = build_model(); load_weights(model, "WEIGHTS.json"); model(x).',
    '"""',
  ].join('\n');
}

function inputConstants(plan: ExportPlan, customLoops: boolean): string {
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
    `OUTPUT_SHAPE = ${pyInts(plan.output.outputShape)}`,
    '# ONNX: a sequence input keeps a dynamic length unless a custom cell loop unrolls it',
    `SEQUENCE_AXIS_DYNAMIC = ${isSequence(plan) && !customLoops ? 'True' : 'False'}`,
  ].join('\n');
}

/** Token ids [T] or feature sequences [T, F]: the input has a time axis. */
function isSequence(plan: ExportPlan): boolean {
  const input = plan.input.node;
  const dtype = input.type === 'Input' ? input.params.dtype : 'float32';
  return plan.input.outputShape.length === 2 || (dtype === 'int32' && plan.input.outputShape.length === 1);
}
