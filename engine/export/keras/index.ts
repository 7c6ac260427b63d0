// graph -> one tf.keras file (functional API, so branches and merges work): build_model(),
// load_weights() from our weights file, compile_for_training() and a predict/train command line.
// Only layers Keras has natively; the peephole and prototype LSTM are refused with a message.
import type { Diagnostic } from '../../shapes/types.ts';
import type { ExportPlan } from '../plan.ts';
import { pyInts, pyStr } from '../python.ts';
import { kerasLayerCall, kerasUnsupported, kerasWeights } from './layers.ts';
import { layerOf } from '../../layers/registry.ts';
import { KERAS_RUNTIME } from './runtime.ts';
import { kerasNotes } from './exactness.ts';
import { FORGET_BIAS_SOURCE, needsForgetBias } from './init-args.ts';
import { kerasTrainingSource } from './training.ts';

/** Nodes Keras cannot express (with their ids); empty when the export can proceed. */
export function kerasProblems(plan: ExportPlan): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const n of plan.nodes) {
    const why = kerasUnsupported(n);
    if (why)
      problems.push({ path: `nodes[${plan.graph.nodes.indexOf(n.node)}]`, nodeId: n.id, message: why });
  }
  return problems;
}

/** The Python source of the Keras export of a planned graph (call kerasProblems first). */
export function kerasSource(plan: ExportPlan): string {
  const sections = [
    header(plan),
    'import argparse\nimport json\nimport sys\n\nimport numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers',
    inputConstants(plan),
    ...layerClasses(plan),
    buildModel(plan),
    weightPlan(plan),
    ...(needsForgetBias(plan) ? [FORGET_BIAS_SOURCE] : []),
    kerasTrainingSource(plan),
    KERAS_RUNTIME.trim(),
  ];
  return `${sections.join('\n\n\n')}\n`;
}

/** Everything the Keras file cannot carry exactly: the graph's settings and each layer's own notes. */
export function kerasFileNotes(plan: ExportPlan): string[] {
  return kerasNotes(
    plan,
    plan.nodes.flatMap((n) => layerOf(n.node).keras.notes?.(n) ?? []),
  );
}

/** Layer classes Keras does not ship that the graph's descriptors bring along (each once). */
function layerClasses(plan: ExportPlan): string[] {
  const sources = plan.nodes.flatMap((n) => layerOf(n.node).keras.classes ?? []);
  return [...new Set(sources)].map((c) => c.trim());
}

function header(plan: ExportPlan): string {
  const name = plan.graph.name.replace(/\\/g, '/').replace(/"""/g, "'''");
  return [
    '#!/usr/bin/env python3',
    `"""${name} -- exported from Backprop Studio to tf.keras.`,
    '',
    'Usage:',
    '  python3 THIS_FILE predict --weights WEIGHTS.json --input INPUT.json',
    '      prints {"y": {"shape": [...], "data": [...]}} (float32 computation)',
    '  python3 THIS_FILE train --data DATA.json [--weights W.json] [--save-weights OUT.weights.h5]',
    '',
    'Needs TensorFlow 2 (pip install tensorflow). Backprop Studio checks this file only for syntax;',
    'the PyTorch export is the one verified numerically against the engine.',
    '"""',
    '# What Keras cannot carry over exactly from the graph (everything else is mapped exactly):',
    ...kerasFileNotes(plan).map((note) => `#   - ${note}`),
  ].join('\n');
}

function inputConstants(plan: ExportPlan): string {
  const input = plan.input.node;
  const dtype = input.type === 'Input' ? input.params.dtype : 'float32';
  return [
    `INPUT_ID = ${pyStr(plan.input.id)}`,
    `INPUT_SHAPE = ${pyInts(plan.input.outputShape)}`,
    `INPUT_DTYPE = ${pyStr(dtype)}`,
  ].join('\n');
}

function buildModel(plan: ExportPlan): string {
  const lines = [
    'def build_model():',
    `    """The model as a Keras functional graph (layer names = Backprop Studio node ids)."""`,
    `    x = ${kerasLayerCall(plan.input, [])}`,
  ];
  for (const n of plan.nodes) {
    if (n.id === plan.input.id) continue;
    const args = n.inputs.map((id) => plan.byId.get(id)!.name);
    lines.push(`    ${n.name} = ${kerasLayerCall(n, args)}  # [B, ${n.outputShape.join(', ')}]`);
  }
  const modelName = plan.graph.name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'model';
  lines.push(`    return keras.Model(inputs=x, outputs=${plan.output.name}, name=${pyStr(modelName)})`);
  return lines.join('\n');
}

function weightPlan(plan: ExportPlan): string {
  const rows = plan.nodes.flatMap((n) => {
    const w = kerasWeights(n);
    if (!w) return [];
    return [
      `    (${pyStr(w.layer)}, ${pyStr(w.nodeId)}, [${w.directions.map(pyStr).join(', ')}], lambda get: ${w.arrays}),`,
    ];
  });
  return [
    '# (Keras layer, our node id, direction suffixes, conversion): our tensors "<nodeId>.<param>"',
    '# are PyTorch-layout ([out, in], GRU gates r, z, n); the conversion transposes and reorders',
    "# one direction's tensors (get(name)) into the Keras layer's weight list.",
    'WEIGHT_PLAN = [',
    ...rows,
    ']',
  ].join('\n');
}
