// `backprop-studio export` as a user meets it: exit codes, messages, -o, stdout; then the whole
// contract end to end with the real executables: train --epochs 0 --save-weights, our predict,
// export, and `python3 OUT predict` printing the same JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportGraph } from '../../engine/export/index.ts';
import { bin, cli, hasStackTrace } from '../cli/helpers.ts';
import { smallImdb } from './cases.ts';
import {
  chainOf,
  compareTensors,
  PYTHON,
  randomBatch,
  randomWeights,
  runPythonJobs,
  tempDir,
  tensorJson,
  writeJson,
} from './helpers.ts';

const dir = tempDir();
const imdbFile = writeJson(dir, 'imdb.json', smallImdb());

describe('export: usage and errors', () => {
  it('needs --to (exit 2, on stderr)', async () => {
    const r = await cli('export', imdbFile);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('export needs --to pytorch or --to keras');
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown target with a suggestion (exit 2)', async () => {
    const r = await cli('export', imdbFile, '--to', 'pytroch');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'export cannot write "pytroch"; --to takes pytorch or keras (did you mean pytorch?)',
    );
  });

  it('needs exactly one FILE and known options (exit 2)', async () => {
    expect((await cli('export', '--to', 'pytorch')).code).toBe(2);
    expect((await cli('export', imdbFile, imdbFile, '--to', 'pytorch')).code).toBe(2);
    const r = await cli('export', imdbFile, '--to', 'pytorch', '--tto', 'keras');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean --to?');
  });

  it('says when FILE cannot be read (exit 2)', async () => {
    const r = await cli('export', join(dir, 'missing.json'), '--to', 'pytorch');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.json: no such file');
  });

  it('lists the problems of an invalid graph on stderr (exit 1), nothing on stdout', async () => {
    const bad = chainOf([
      ['in', 'Input', { shape: [3] }],
      ['rnn', 'RNN', { units: 4 }],
    ]);
    const r = await cli('export', writeJson(dir, 'bad.json', bad), '--to', 'pytorch');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is not a valid graph');
    expect(r.stderr).toContain('rnn');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('refuses a prototype or peephole LSTM for Keras, naming the node (exit 1)', async () => {
    for (const variant of ['prototype', 'peephole']) {
      const g = chainOf([
        ['in', 'Input', { shape: [4, 2] }],
        ['memory', 'LSTM', { units: 3, variant }],
      ]);
      const r = await cli('export', writeJson(dir, `${variant}.json`, g), '--to', 'keras');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `node 'memory': Keras has no ${variant} LSTM layer; export to PyTorch instead`,
      );
      // the same graph exports to PyTorch
      expect((await cli('export', join(dir, `${variant}.json`), '--to', 'pytorch')).code).toBe(0);
    }
  });

  it('prints the code on stdout without -o', async () => {
    const r = await cli('export', imdbFile, '--to', 'pytorch');
    expect(r.code).toBe(0);
    const direct = exportGraph(smallImdb(), 'pytorch');
    expect(direct.ok && `${r.stdout}\n`).toBe(direct.ok && direct.code);
    expect(r.stdout).toContain('def build_model():');
  });

  it('writes OUT with -o and says so; an impossible OUT is exit 2', async () => {
    const out = join(dir, 'imdb_keras.py');
    const r = await cli('export', imdbFile, '--to', 'keras', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${out} (Keras)`);
    expect(readFileSync(out, 'utf8')).toContain('layers.Bidirectional(layers.LSTM(6');
    const bad = await cli('export', imdbFile, '--to', 'pytorch', '-o', join(dir, 'no', 'such', 'dir.py'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('its folder does not exist');
  });
});

describe('export: the whole contract with the real executables', () => {
  it('python3 OUT predict prints what backprop-studio predict prints', () => {
    const weights = join(dir, 'imdb.weights.json');
    const out = join(dir, 'imdb_torch.py');
    const input = writeJson(dir, 'imdb.input.json', { x: tensorJson(randomBatch([12], 4, 9, 50)) });
    expect(bin('train', imdbFile, '--epochs', '0', '--save-weights', weights).code).toBe(0);
    expect(existsSync(weights)).toBe(true);
    const ours = bin('predict', imdbFile, '--weights', weights, '--input', input);
    expect(ours.stderr).toBe('');
    expect(bin('export', imdbFile, '--to', 'pytorch', '-o', out).code).toBe(0);
    const py = spawnSync(PYTHON, [out, 'predict', '--weights', weights, '--input', input], {
      encoding: 'utf8',
    });
    expect(py.stderr).toBe('');
    expect(py.status).toBe(0);
    const a = JSON.parse(py.stdout).y;
    const b = JSON.parse(ours.stdout).y;
    expect(a.shape).toEqual([4, 1]);
    const cmp = compareTensors(a, b, 1e-4, 1e-5);
    expect(cmp.ok, cmp.why).toBe(true);
  }, 300_000);

  it('the exported file explains bad input in one line, without a traceback (exit 1)', () => {
    const out = join(dir, 'imdb_torch.py');
    if (!existsSync(out)) expect(bin('export', imdbFile, '--to', 'pytorch', '-o', out).code).toBe(0);
    const good = randomWeights(smallImdb(), 5);
    const weights = writeJson(dir, 'random.weights.json', good);
    const { 'lstm2.b_rev': _dropped, ...missing } = good.tensors;
    const files = {
      shape: writeJson(dir, 'bad-shape.json', { x: { shape: [2, 11], data: new Array(22).fill(1) } }),
      ids: writeJson(dir, 'bad-ids.json', { x: { shape: [1, 12], data: [...new Array(11).fill(1), 50] } }),
      input: writeJson(dir, 'good-input.json', { x: { shape: [1, 12], data: new Array(12).fill(1) } }),
      missing: writeJson(dir, 'missing.weights.json', { ...good, tensors: missing }),
    };
    const predict = (w: string, i: string) => ['predict', '--weights', w, '--input', i];
    const results = runPythonJobs(
      [
        { name: 'shape', file: out, argv: predict(weights, files.shape) },
        { name: 'ids', file: out, argv: predict(weights, files.ids) },
        { name: 'missing', file: out, argv: predict(files.missing, files.input) },
        { name: 'nofile', file: out, argv: predict(join(dir, 'nope.json'), files.input) },
      ],
      dir,
    );
    const expected: Record<string, string> = {
      shape: '"x" has shape [2, 11] but the Input node "in" expects [batch, 12]',
      ids: '"x" value 11 is 50, but token ids must be whole numbers from 0 to 49',
      missing: 'is missing tensor "lstm2.b_rev"',
      nofile: 'cannot read weights file',
    };
    for (const [name, text] of Object.entries(expected)) {
      expect(results[name].exitCode, name).toBe(1);
      expect(results[name].stderr).toContain(text);
      expect(results[name].stderr).not.toContain('Traceback');
    }
  }, 300_000);
});

describe('export: weights trained in PyTorch come back', () => {
  it('our predict reads what the exported train saved, and agrees with the exported predict', async () => {
    const out = join(dir, 'imdb_torch_train.py');
    expect((await cli('export', imdbFile, '--to', 'pytorch', '-o', out)).code).toBe(0);
    const x = randomBatch([12], 6, 21, 50);
    const y = { shape: [6, 1], data: [0, 1, 1, 0, 1, 0] };
    const data = writeJson(dir, 'imdb.data.json', { x: tensorJson(x), y });
    const input = writeJson(dir, 'imdb.input2.json', { x: tensorJson(x) });
    const trained = join(dir, 'imdb.trained.json');
    const results = runPythonJobs(
      [
        {
          name: 'train',
          file: out,
          argv: ['train', '--data', data, '--epochs', '2', '--save-weights', trained],
        },
        { name: 'predict', file: out, argv: ['predict', '--weights', trained, '--input', input] },
      ],
      dir,
    );
    expect(results.train.stderr).toBe('');
    expect(results.train.stdout.trim().split('\n')).toHaveLength(2);
    const ours = await cli('predict', imdbFile, '--weights', trained, '--input', input);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    const cmp = compareTensors(JSON.parse(results.predict.stdout).y, JSON.parse(ours.stdout).y, 1e-4, 1e-5);
    expect(cmp.ok, cmp.why).toBe(true);
  }, 300_000);
});
