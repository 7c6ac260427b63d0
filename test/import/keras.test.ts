// Keras model configs (model.to_json(), written by hand from Keras's documented format) become our
// graphs: the lecture's IMDb model has the lecture's 2,757,761 parameters in Keras 3 functional and
// Keras 2 Sequential form; a branching functional model keeps its wiring; what we cannot compute the
// same way is refused with the layer's name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importKerasText } from '../../engine/import/keras.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { cli, ROOT } from '../cli/helpers.ts';

const fixture = (name: string) => join(ROOT, 'test', 'import', 'keras', name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');

function imported(name: string, sequenceLength?: number) {
  const r = importKerasText(text(name), { sequenceLength });
  if (!r.ok) throw new Error(r.message);
  const a = analyzeGraph(r.graph);
  expect(a.diagnostics).toEqual([]);
  return { graph: r.graph, analysis: a, notes: r.notes };
}

describe('import-keras', () => {
  it("the lecture's IMDb model (Keras 3 functional, shape=(None,)) has 2,757,761 parameters", () => {
    const { graph, analysis, notes } = imported('imdb-functional-keras3.json', 200);
    expect(analysis.totalParams).toBe(2_757_761);
    expect(graph.nodes.map((n) => [n.id, n.type])).toEqual([
      ['input_layer', 'Input'],
      ['embedding', 'Embedding'],
      ['bidirectional', 'LSTM'],
      ['bidirectional_1', 'LSTM'],
      ['dense', 'Dense'],
    ]);
    expect(graph.nodes[0].params).toEqual({ shape: [200], dtype: 'int32' });
    expect(graph.nodes[2].params).toEqual({ units: 64, returnSequences: true, bidirectional: true });
    expect(graph.nodes[4].params).toEqual({ units: 1, activation: 'sigmoid' });
    expect(notes).toContain('layer "input_layer": the variable sequence length became 200');
  });

  it('the same model as a Keras 2 Sequential config gives the same graph shape and count', () => {
    const { analysis } = imported('imdb-sequential-keras2.json');
    expect(analysis.totalParams).toBe(2_757_761);
  });

  it('a functional model with Add and Concatenate keeps its edges; softmax Dense becomes Dense + Softmax', () => {
    const { graph, analysis } = imported('branching-functional-keras2.json');
    expect(graph.edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'x->a',
      'x->b',
      'a->sum',
      'b->sum',
      'sum->cat',
      'a->cat',
      'cat->out',
      'out->out_softmax',
    ]);
    expect(graph.nodes.find((n) => n.id === 'b')!.params).toEqual({
      units: 8,
      activation: 'tanh',
      useBias: false,
    });
    expect(analysis.totalParams).toBe(2 * 8 + 8 + 2 * 8 + 16 * 3 + 3);
  });

  it('carries the initializers we have into the node init, and names those it cannot', () => {
    const layers = [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 5, 3], name: 'in' } },
      {
        class_name: 'LSTM',
        config: {
          name: 'l',
          units: 4,
          return_sequences: true,
          kernel_initializer: { class_name: 'RandomUniform', config: { minval: -0.1, maxval: 0.1 } },
          recurrent_initializer: 'random_uniform',
          bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {} },
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'd',
          units: 2,
          kernel_initializer: { class_name: 'HeNormal', config: { seed: null } },
          bias_initializer: { class_name: 'Ones', config: {} },
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'e',
          units: 2,
          kernel_initializer: { class_name: 'TruncatedNormal', config: { stddev: 0.02 } },
        },
      },
    ];
    const r = importKerasText(JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const params = (id: string) => r.graph.nodes.find((n) => n.id === id)!.params as Record<string, unknown>;
    // the string form 'random_uniform' has Keras's default range (-0.05, 0.05): a second scale is not kept
    expect(params('l').init).toEqual({ kernel: 'uniform', scale: 0.1 });
    expect(params('d').init).toEqual({ kernel: 'he_normal' });
    expect(params('e').init).toBeUndefined();
    expect(r.notes).toEqual([
      'layer "l": recurrent_initializer random_uniform(-0.05, 0.05) (one uniform scale per node) is not carried over; the graph uses the Keras default',
      'layer "d": bias_initializer ones is not carried over; the graph uses the Keras default',
      'layer "e": kernel_initializer truncated_normal is not carried over; the graph uses the Keras default',
    ]);
    expect(analyzeGraph(r.graph).diagnostics).toEqual([]);
  });

  it('refuses unsupported layers and settings by layer name', () => {
    const seq = (layers: unknown[]) =>
      JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers } });
    const input = { class_name: 'InputLayer', config: { batch_input_shape: [null, 10, 4], name: 'in' } };
    const cases: [unknown, string][] = [
      [
        { class_name: 'Conv1D', config: { name: 'conv', filters: 8 } },
        'layer "conv" (Conv1D) is not supported',
      ],
      [
        { class_name: 'LSTM', config: { name: 'l', units: 4, recurrent_activation: 'hard_sigmoid' } },
        'recurrent_activation "hard_sigmoid"',
      ],
      [
        { class_name: 'GRU', config: { name: 'g', units: 4, reset_after: false } },
        'layer "g" (GRU) has reset_after=False',
      ],
      [{ class_name: 'LSTM', config: { name: 's', units: 4, stateful: true } }, 'stateful=True'],
      [
        { class_name: 'Dense', config: { name: 'd', units: 4, activation: 'elu' } },
        'layer "d" (Dense) has activation "elu"',
      ],
      [
        {
          class_name: 'Bidirectional',
          config: { name: 'b', merge_mode: 'sum', layer: { class_name: 'LSTM', config: { units: 3 } } },
        },
        'merge_mode="concat"',
      ],
    ];
    for (const [layer, message] of cases) {
      const r = importKerasText(seq([input, layer]));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(message);
    }
    const variable = importKerasText(text('imdb-functional-keras3.json'));
    expect(!variable.ok && variable.message).toContain('--sequence-length N');
    expect(importKerasText('{"class_name": "Sequential"}').ok).toBe(false);
    expect(importKerasText('not json').ok).toBe(false);
  });

  it('CLI: prints or writes the graph, names the refused layer (exit 1)', async () => {
    const r = await cli('import-keras', fixture('imdb-sequential-keras2.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('backprop-studio.graph');
    const bad = await cli('import-keras', fixture('imdb-functional-keras3.json'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('layer "input_layer" (InputLayer) has a variable sequence length');
    const good = await cli(
      'import-keras',
      fixture('imdb-functional-keras3.json'),
      '--sequence-length',
      '200',
    );
    expect(good.code).toBe(0);
    expect((await cli('import-keras', fixture('x.json'))).code).toBe(2);
  });
});
