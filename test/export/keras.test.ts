// The Keras export. TensorFlow is not installed here, so: (1) golden structure of the generated
// build_model(); (2) every file passes py_compile; (3) every file RUNS against keras-stub/, a
// numpy model of Keras's documented layer conventions, and predicts what our engine predicts,
// which checks the weight conversion (transposes, GRU z/r/h order, Bidirectional) and wiring.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportGraph } from '../../engine/export/index.ts';
import type { Tensor } from '../../engine/tensor.ts';
import { roundTripCases } from './cases.ts';
import {
  chainOf,
  compareTensors,
  engineOutput,
  PYTHON,
  type PyJob,
  type PyResult,
  randomBatch,
  randomWeights,
  runPythonJobs,
  tempDir,
  tensorJson,
  writeExport,
  writeJson,
} from './helpers.ts';

const STUB = join(import.meta.dirname, 'keras-stub');
const kerasCode = (g: unknown) => {
  const r = exportGraph(g, 'keras');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.code;
};
const buildModelBody = (code: string) =>
  code.slice(code.indexOf('def build_model'), code.indexOf('\n\n\n# (Keras layer'));

describe('Keras export: structure', () => {
  it('writes the seed IMDb model as Keras layers with our node ids as names', () => {
    const seed = JSON.parse(
      readFileSync(join(import.meta.dirname, '../fixtures/lecture-imdb.json'), 'utf8'),
    );
    const lstm = (seqs: string) =>
      `layers.LSTM(64, activation="tanh", recurrent_activation="sigmoid", unit_forget_bias=True, return_sequences=${seqs})`;
    expect(buildModelBody(kerasCode(seed))).toBe(
      [
        'def build_model():',
        '    """The model as a Keras functional graph (layer names = Backprop Studio node ids)."""',
        '    x = keras.Input(shape=(200,), dtype="int32", name="in")',
        '    emb = layers.Embedding(20000, 128, name="emb")(x)  # [B, 200, 128]',
        `    lstm1 = layers.Bidirectional(${lstm('True')}, merge_mode="concat", name="lstm1")(emb)  # [B, 200, 128]`,
        `    lstm2 = layers.Bidirectional(${lstm('False')}, merge_mode="concat", name="lstm2")(lstm1)  # [B, 128]`,
        '    out = layers.Dense(1, activation="sigmoid", name="out")(lstm2)  # [B, 1]',
        '    return keras.Model(inputs=x, outputs=out, name="Seed_IMDb_classifier")',
      ].join('\n'),
    );
  });

  it('uses SimpleRNN with any activation, GRU reset_after=True, Dense without bias, and the forget bias flag', () => {
    const code = kerasCode(
      chainOf([
        ['in', 'Input', { shape: [5, 3] }],
        ['r', 'RNN', { units: 4, activation: 'sigmoid', returnSequences: true }],
        ['g', 'GRU', { units: 4, returnSequences: true }],
        ['l', 'LSTM', { units: 4, forgetBias: 0.5 }],
        ['d', 'Dense', { units: 2, useBias: false }],
      ]),
    );
    expect(code).toContain(
      'r = layers.SimpleRNN(4, activation="sigmoid", return_sequences=True, name="r")(x)',
    );
    expect(code).toContain(
      'g = layers.GRU(4, activation="tanh", recurrent_activation="sigmoid", reset_after=True, return_sequences=True, name="g")(r)',
    );
    expect(code).toContain(
      'unit_forget_bias=False, bias_initializer=ForgetBias(0.5), return_sequences=False, name="l")(g)',
    );
    expect(code).toContain('d = layers.Dense(2, activation="linear", use_bias=False, name="d")(l)');
    expect(code).toContain(
      '("g", "g", [""], lambda get: [gru_gates_zrh(get("W_ih")).T, gru_gates_zrh(get("W_hh")).T, np.stack([gru_gates_zrh(get("b_ih")), gru_gates_zrh(get("b_hh"))])]),',
    );
    expect(code).toContain('("d", "d", [""], lambda get: [get("W").T]),');
  });

  it('sets up training with Keras optimizers, global-norm or value clipping, and the loss', () => {
    const g = (optimizer: object, clip: object | null) =>
      kerasCode(
        chainOf(
          [
            ['in', 'Input', { shape: [4] }],
            ['logits', 'Dense', { units: 3 }],
            ['p', 'Softmax'],
          ],
          { dataset: { id: 'builtin:spirals' }, optimizer, clip },
        ),
      );
    const a = g({ type: 'nesterov', lr: 0.1, momentum: 0.8 }, { type: 'norm', max: 1 });
    expect(a).toContain(
      'keras.optimizers.SGD(learning_rate=0.1, momentum=0.8, nesterov=True, global_clipnorm=1)',
    );
    expect(a).toContain('loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"]');
    const b = g({ type: 'rmsprop', lr: 0.01, alpha: 0.9 }, { type: 'value', max: 0.5 });
    expect(b).toContain(
      'keras.optimizers.RMSprop(learning_rate=0.01, rho=0.9, momentum=0, epsilon=1e-16, centered=False, clipvalue=0.5)',
    );
  });
});

const { cases: allCases } = roundTripCases();
const cases = allCases.filter((c) => exportGraph(c.graph, 'keras').ok);
const dir = tempDir();
const engine = new Map<string, { f32: Tensor; f64: Tensor }>();
const files: string[] = [];
let results: Record<string, PyResult> = {};

beforeAll(() => {
  const jobs: PyJob[] = [];
  cases.forEach((c, i) => {
    const file = writeExport(c.graph, dir, `keras${i}`, 'keras');
    files.push(file);
    const weights = randomWeights(c.graph, 700 + i);
    const input = c.graph.nodes.find((n) => n.type === 'Input')!;
    const x = randomBatch(input.params.shape as number[], 3, 800 + i, c.vocab);
    engine.set(c.name, {
      f32: engineOutput(c.graph, weights, x, 'float32'),
      f64: engineOutput(c.graph, weights, x, 'float64'),
    });
    const w = writeJson(dir, `keras${i}.weights.json`, weights);
    const inp = writeJson(dir, `keras${i}.input.json`, { x: tensorJson(x) });
    jobs.push({ name: c.name, file, argv: ['predict', '--weights', w, '--input', inp] });
    jobs.push({ name: `${c.name}/compile`, file, argv: [], compile: true });
  });
  results = runPythonJobs(jobs, dir, STUB);
}, 600_000);

describe('Keras export: runs and agrees with the engine (numpy Keras stand-in)', () => {
  it('leaves out only the graphs with a peephole or prototype LSTM', () => {
    const left = allCases.filter((c) => !cases.includes(c)).map((c) => c.name);
    expect(left.length).toBeGreaterThan(0);
    for (const name of left) expect(name).toMatch(/peephole|prototype|awkward/);
  });

  it('every file passes py_compile', () => {
    const r = spawnSync(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(cases.map((c) => [c.name]))('%s', (name) => {
    const r = results[name];
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const y = (JSON.parse(r.stdout) as { y: { shape: number[]; data: number[] } }).y;
    // the file reads inputs as float32 (as Keras would), so float64 agreement is to ~1e-7
    const a = compareTensors(y, engine.get(name)!.f64, 1e-5, 1e-6);
    expect(a.ok, a.why).toBe(true);
    const b = compareTensors(y, engine.get(name)!.f32, 1e-4, 1e-5);
    expect(b.ok, b.why).toBe(true);
    const compiled = results[`${name}/compile`];
    expect(compiled.stderr).toBe('');
    expect(compiled.exitCode).toBe(0);
  });
});
