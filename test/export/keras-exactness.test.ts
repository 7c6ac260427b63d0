// Keras export honesty: every setting Keras cannot carry exactly is mapped exactly (initializers,
// the LSTM forget bias, Adagrad's lr decay) or named: as comments at the top of the file and on the
// CLI's stderr. Field inputs: keras-rmsprop.graph.json (epsilon inside the root) and the
// vanishing-gradient LSTM example (forget bias 3.3673, now 3.8918 = ln 49, was turned into unit_forget_bias=False).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportGraph } from '../../engine/export/index.ts';
import { cli } from '../cli/helpers.ts';
import { chainOf, PYTHON, tempDir, writeExport } from './helpers.ts';

const STUB = join(import.meta.dirname, 'keras-stub');
const fixture = (name: string) => join(import.meta.dirname, '../fixtures/field', name);
const example = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../examples', name), 'utf8'));

function keras(graph: unknown): { code: string; notes: string[] } {
  const r = exportGraph(graph, 'keras');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r;
}

const mlp = (optimizer: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  chainOf(
    [
      ['in', 'Input', { shape: [4] }],
      ['out', 'Dense', { units: 1 }],
    ],
    { dataset: { id: 'builtin:spirals' }, loss: 'mse', optimizer, validationSplit: 0, ...extra },
  );

describe('Keras export: settings mapped exactly or named', () => {
  it('RMSprop epsilon: squared into the root, and the remaining difference is named (field input)', async () => {
    const g = JSON.parse(readFileSync(fixture('keras-rmsprop.graph.json'), 'utf8'));
    const { code, notes } = keras(g);
    expect(code).toContain(
      'keras.optimizers.RMSprop(learning_rate=0.01, rho=0.99, momentum=0, epsilon=1e-16, centered=False)',
    );
    const note = notes.find((n) =>
      n.startsWith('optimizer rmsprop: Keras adds epsilon inside the square root'),
    );
    expect(note).toBeDefined();
    expect(code).toContain(`#   - ${note}`);
    const r = await cli('export', fixture('keras-rmsprop.graph.json'), '--to', 'keras');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the keras export differs from Backprop Studio');
    expect(r.stderr).toContain(`  - ${note}`);
  });

  it('epsilon 0 is exact: no epsilon note', () => {
    for (const type of ['rmsprop', 'adagrad', 'adam']) {
      const { notes } = keras(mlp({ type, eps: 0 }));
      expect(
        notes.filter((n) => n.includes('epsilon')),
        type,
      ).toEqual([]);
    }
  });

  it('an LSTM forget bias other than 0 or 1 becomes a bias initializer that builds exactly that bias', () => {
    const { code } = keras(example('vanishing-lstm-recall.json'));
    expect(code).toContain('unit_forget_bias=False, bias_initializer=ForgetBias(3.8918)');
    expect(code).not.toContain('unit_forget_bias=True');
    // run build_model() against the numpy Keras stand-in and read the layer's initial bias
    const dir = tempDir();
    const file = writeExport(example('vanishing-lstm-recall.json'), dir, 'lstm_fb', 'keras');
    const py = [
      'import importlib.util, json, sys',
      `spec = importlib.util.spec_from_file_location("m", ${JSON.stringify(file)})`,
      'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
      'model = m.build_model()',
      'layer = [l for l in model.layers if type(l).__name__ == "LSTM"][0]',
      'print(json.dumps(layer.weights[-1].tolist()))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', py], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: STUB, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.stderr).toBe('');
    const bias: number[] = JSON.parse(r.stdout);
    const h = bias.length / 4;
    expect(bias.slice(h, 2 * h)).toEqual(new Array(h).fill(Math.fround(3.8918))); // float32, as our bias
    expect([...bias.slice(0, h), ...bias.slice(2 * h)].every((v) => v === 0)).toBe(true);
  });

  it('forget bias 1 and 0 are Keras flags; no initializer class is written', () => {
    const lstm = (fb: number) =>
      keras(
        chainOf(
          [
            ['in', 'Input', { shape: [5, 2] }],
            ['l', 'LSTM', { units: 3, forgetBias: fb }],
            ['out', 'Dense', { units: 1 }],
          ],
          { dataset: { id: 'builtin:adding' }, loss: 'mse', optimizer: { type: 'sgd' } },
        ),
      ).code;
    expect(lstm(1)).toContain('unit_forget_bias=True');
    expect(lstm(0)).toContain('unit_forget_bias=False');
    expect(lstm(1)).not.toContain('class ForgetBias');
  });

  it('kernel and recurrent initializers map to Keras initializers with our distributions', () => {
    const dense = (init: Record<string, unknown>) =>
      keras(
        chainOf(
          [
            ['in', 'Input', { shape: [6] }],
            ['d', 'Dense', { units: 2, init }],
          ],
          { dataset: { id: 'builtin:spirals' }, loss: 'mse', optimizer: { type: 'sgd' } },
        ),
      ).code;
    // Keras's glorot_normal / he_normal are truncated; ours are plain normals with these stddevs
    expect(dense({ kernel: 'glorot_normal' })).toContain(
      `kernel_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=${Math.sqrt(2 / 8)})`,
    );
    expect(dense({ kernel: 'he_normal' })).toContain(`RandomNormal(mean=0.0, stddev=${Math.sqrt(2 / 6)})`);
    expect(dense({ kernel: 'he_uniform' })).toContain('kernel_initializer="he_uniform"');
    expect(dense({ kernel: 'uniform', scale: 0.3 })).toContain('RandomUniform(minval=-0.3, maxval=0.3)');
    expect(dense({ kernel: 'zeros' })).toContain('kernel_initializer="zeros"');
    expect(dense({})).not.toContain('kernel_initializer');
    const rnn = keras(
      chainOf(
        [
          ['in', 'Input', { shape: [5, 2] }],
          ['r', 'GRU', { units: 3, init: { kernel: 'glorot_normal', recurrent: 'zeros' } }],
          ['out', 'Dense', { units: 1 }],
        ],
        { dataset: { id: 'builtin:adding' }, loss: 'mse', optimizer: { type: 'sgd' } },
      ),
    ).code;
    // GRU kernel [in = 2, 3 * units = 9]: the same fans as our W_ih [9, 2]
    expect(rnn).toContain(
      `kernel_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=${Math.sqrt(2 / 11)}), recurrent_initializer="zeros"`,
    );
  });

  it("Adagrad's lr decay is Keras's InverseTimeDecay with decay_steps 1 (exact: Keras counts steps from 0)", () => {
    const { code, notes } = keras(mlp({ type: 'adagrad', lr: 0.3, lrDecay: 0.01, eps: 0 }));
    expect(code).toContain(
      'keras.optimizers.Adagrad(learning_rate=keras.optimizers.schedules.InverseTimeDecay(0.3, decay_steps=1, decay_rate=0.01), initial_accumulator_value=0, epsilon=0)',
    );
    expect(notes.some((n) => n.includes('lr_decay') || n.includes('lrDecay'))).toBe(false);
  });

  it('names every other difference: dampening, Adam epsilon, clip norm, loss clipping, validation split, seed', () => {
    const subjects = (notes: string[]) => notes.map((n) => n.split(':')[0]);
    expect(subjects(keras(mlp({ type: 'momentum', dampening: 0.5 })).notes)).toEqual([
      'optimizer momentum',
      'seed 42',
    ]);
    expect(
      subjects(
        keras(
          chainOf(
            [
              ['in', 'Input', { shape: [4] }],
              ['o', 'Dense', { units: 3 }],
              ['p', 'Softmax'],
            ],
            {
              dataset: { id: 'builtin:spirals' },
              optimizer: { type: 'adam' },
              clip: { type: 'norm', max: 1 },
              seed: 3,
            },
          ),
        ).notes,
      ),
    ).toEqual([
      'optimizer adam',
      'clip by norm',
      'loss categorical_crossentropy',
      'validationSplit 0.1',
      'seed 3',
    ]);
  });
});
