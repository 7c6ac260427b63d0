// The lesson's graphs, made from the example pair: the recall task at a chosen sequence length and RNN
// activation, and the exploding-gradient preset (from the exploding-gradients lesson file).
import type { Graph } from '../../graph-schema/schema.ts';
import { listExamples } from '../model/examples.ts';
import { listLessons, stepGraph } from './course/files.ts';

// listExamples() validates every example: do it once, not on every render or progress record.
let examples: ReturnType<typeof listExamples> | null = null;

/** The example graph with this file id (e.g. "vanishing-rnn-recall"), deep-copied; throws when missing. */
export function exampleGraph(id: string): Graph {
  examples ??= listExamples();
  const ex = examples.find((e) => e.id === id);
  if (!ex) throw new Error(`the example "${id}" is missing from examples/`);
  return structuredClone(ex.graph);
}

function recurrentNode(g: Graph) {
  const node = g.nodes.find((n) => n.type === 'RNN' || n.type === 'LSTM');
  if (!node) throw new Error(`the example "${g.name}" has no recurrent node`);
  return node;
}

/** The example pair's own settings: the RNN's activation, the LSTM's forget-gate bias, the sequence
 *  length, and whether that bias follows the chrono rule ln(T - 1) (docs/lesson-vanishing.md). */
export function exampleDefaults(): {
  activation: string;
  forgetBias: number;
  length: number;
  chrono: boolean;
} {
  const rnn = recurrentNode(exampleGraph('vanishing-rnn-recall')).params as { activation?: string };
  const lstmGraph = exampleGraph('vanishing-lstm-recall');
  const lstm = recurrentNode(lstmGraph).params as { forgetBias?: number };
  const input = lstmGraph.nodes.find((n) => n.type === 'Input')?.params as { shape?: number[] } | undefined;
  const length = input?.shape?.[0] ?? 30;
  const forgetBias = lstm.forgetBias ?? 1;
  return {
    activation: rnn.activation ?? 'tanh',
    forgetBias,
    length,
    chrono: length > 2 && Math.abs(forgetBias - Math.log(length - 1)) < 0.01,
  };
}

let defaults: ReturnType<typeof exampleDefaults> | null = null;

/** The forget bias the example would use at `length`: ln(length - 1) when it follows the chrono rule
 *  (a memory time constant of about T steps), else its fixed value. */
export function exampleForgetBias(length: number): number {
  defaults ??= exampleDefaults();
  const ex = defaults;
  return ex.chrono ? Math.log(Math.max(2, length - 1)) : ex.forgetBias;
}

/** The lesson's RNN or LSTM graph for sequences of `length` steps; a non-null `activation` replaces the
 *  RNN's, a non-null `forgetBias` the LSTM's (null: the example's rule, see exampleForgetBias);
 *  everything else (init included) is the example's. */
export function lessonGraph(
  kind: 'rnn' | 'lstm',
  length: number,
  activation: string | null,
  forgetBias: number | null = null,
): Graph {
  const g = exampleGraph(kind === 'rnn' ? 'vanishing-rnn-recall' : 'vanishing-lstm-recall');
  const input = g.nodes.find((n) => n.type === 'Input');
  if (input) input.params = { ...input.params, shape: [length] } as typeof input.params;
  const rec = recurrentNode(g);
  if (kind === 'rnn' && activation !== null) rec.params = { ...rec.params, activation } as typeof rec.params;
  if (kind === 'lstm') {
    const bias = forgetBias ?? exampleForgetBias(length);
    rec.params = { ...rec.params, forgetBias: bias } as typeof rec.params;
  }
  if (g.training) {
    const options = { ...(g.training.dataset.options ?? {}), length };
    g.training = { ...g.training, dataset: { ...g.training.dataset, options } };
  }
  return g;
}

let nodeId: string | null = null;

/** The id of the recurrent node in the lesson graphs. */
export function lessonNodeId(): string {
  nodeId ??= recurrentNode(exampleGraph('vanishing-rnn-recall')).id;
  return nodeId;
}

/** The exploding-gradient setting of the lessons menu's "Exploding gradients" lesson (lessons/
 *  exploding-gradients.json, step 1): a ReLU RNN on 10-token recall, SGD at lr 0.2, no clipping, seed 11.
 *  One definition, so the lesson view and the lessons menu show the same measured run. */
export function explodingPreset(): Graph {
  const entry = listLessons().find((e) => 'lesson' in e && e.lesson.id === 'exploding-gradients');
  if (!entry || !('lesson' in entry))
    throw new Error('lessons/exploding-gradients.json is missing or invalid');
  const r = stepGraph(entry.lesson, 0);
  if (!r.ok) throw new Error(r.problem);
  return { ...r.graph, name: 'Exploding gradients: ReLU RNN, SGD lr 0.2' };
}
