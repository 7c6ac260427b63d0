// The lesson's graphs, made from the example pair: the recall task at a chosen sequence length and RNN
// activation, and the exploding-gradient preset (ReLU RNN, plain SGD with a learning rate of 5).
import type { Graph } from '../../graph-schema/schema.ts';
import { listExamples } from '../model/examples.ts';

/** The example graph with this file id (e.g. "vanishing-rnn-recall"), deep-copied; throws when missing. */
export function exampleGraph(id: string): Graph {
  const ex = listExamples().find((e) => e.id === id);
  if (!ex) throw new Error(`the example "${id}" is missing from examples/`);
  return structuredClone(ex.graph);
}

function recurrentNode(g: Graph) {
  const node = g.nodes.find((n) => n.type === 'RNN' || n.type === 'LSTM');
  if (!node) throw new Error(`the example "${g.name}" has no recurrent node`);
  return node;
}

/** The example pair's own settings: the RNN's activation and the LSTM's forget-gate bias. */
export function exampleDefaults(): { activation: string; forgetBias: number } {
  const rnn = recurrentNode(exampleGraph('vanishing-rnn-recall')).params as { activation?: string };
  const lstm = recurrentNode(exampleGraph('vanishing-lstm-recall')).params as { forgetBias?: number };
  return { activation: rnn.activation ?? 'tanh', forgetBias: lstm.forgetBias ?? 1 };
}

/** The lesson's RNN or LSTM graph for sequences of `length` steps; a non-null `activation` replaces the
 *  RNN's, a non-null `forgetBias` the LSTM's; everything else (init included) is the example's. */
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
  if (kind === 'lstm' && forgetBias !== null) rec.params = { ...rec.params, forgetBias } as typeof rec.params;
  if (g.training) {
    const options = { ...(g.training.dataset.options ?? {}), length };
    g.training = { ...g.training, dataset: { ...g.training.dataset, options } };
  }
  return g;
}

/** The id of the recurrent node in the lesson graphs. */
export function lessonNodeId(): string {
  return recurrentNode(exampleGraph('vanishing-rnn-recall')).id;
}

/** A graph that diverges within a few steps: ReLU RNN on recall, SGD with learning rate 5, no clipping. */
export function explodingPreset(): Graph {
  const g = lessonGraph('rnn', 30, 'relu');
  g.name = 'Exploding gradients: ReLU RNN, SGD lr 5';
  if (g.training) g.training = { ...g.training, optimizer: { type: 'sgd', lr: 5 } as never, clip: null };
  return g;
}
