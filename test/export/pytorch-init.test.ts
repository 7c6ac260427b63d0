// build_model() initializes like our engine: the same Keras-default distributions (not the same
// numbers). Read through the exported file's own `train --epochs 0 --save-weights`, which writes
// the fresh weights in our format.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WeightsFile } from '../../engine/types.ts';
import { chainOf, runPythonJobs, tempDir, writeExport, writeJson } from './helpers.ts';

const graph = chainOf([
  ['in', 'Input', { shape: [5], dtype: 'int32' }],
  ['emb', 'Embedding', { vocabSize: 40, dim: 6 }],
  ['lstm', 'LSTM', { units: 8, returnSequences: true, bidirectional: true, forgetBias: 2 }],
  ['peep', 'LSTM', { units: 5, variant: 'peephole' }],
  ['wide', 'Dense', { units: 30, activation: 'relu', init: { kernel: 'uniform', scale: 0.2 } }],
  ['out', 'Dense', { units: 3 }],
]);

let w: WeightsFile['tensors'] = {};

beforeAll(() => {
  const dir = tempDir();
  const file = writeExport(graph, dir, 'init');
  const data = writeJson(dir, 'data.json', {
    x: { shape: [1, 5], data: [1, 2, 3, 4, 5] },
    y: { shape: [1, 3], data: [0, 0, 0] },
  });
  const out = `${dir}/fresh.json`;
  const r = runPythonJobs(
    [{ name: 'init', file, argv: ['train', '--data', data, '--epochs', '0', '--save-weights', out] }],
    dir,
  );
  expect(r.init.stderr).toBe('');
  w = (JSON.parse(readFileSync(out, 'utf8')) as WeightsFile).tensors;
}, 300_000);

const maxAbs = (d: number[]) => Math.max(...d.map(Math.abs));

describe('PyTorch export: build_model() initialization', () => {
  it('glorot-uniform kernels stay inside ±sqrt(6 / (fan_in + fan_out)) and use most of it', () => {
    const limit = Math.sqrt(6 / (6 + 32)); // lstm W_ih: fan_in 6, fan_out 4·8
    expect(maxAbs(w['lstm.W_ih'].data)).toBeLessThanOrEqual(limit);
    expect(maxAbs(w['lstm.W_ih'].data)).toBeGreaterThan(0.8 * limit);
  });

  it('recurrent kernels [4H, H] have orthonormal columns', () => {
    const { shape, data } = w['lstm.W_hh_rev'];
    const [rows, H] = shape;
    for (let a = 0; a < H; a++) {
      for (let b = 0; b < H; b++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += data[r * H + a] * data[r * H + b];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });

  it('LSTM biases are zero except the forget block (= forgetBias); peepholes start at zero', () => {
    const b = w['lstm.b'].data;
    expect(b.slice(0, 8).every((v) => v === 0)).toBe(true);
    expect(b.slice(8, 16).every((v) => v === 2)).toBe(true);
    expect(b.slice(16).every((v) => v === 0)).toBe(true);
    expect(w['peep.b'].data.slice(5, 10).every((v) => v === 1)).toBe(true);
    expect(maxAbs(w['peep.p_f'].data)).toBe(0);
  });

  it('Embedding is uniform(-0.05, 0.05) and an init override is honoured', () => {
    expect(maxAbs(w['emb.table'].data)).toBeLessThanOrEqual(0.05);
    expect(maxAbs(w['emb.table'].data)).toBeGreaterThan(0.04);
    expect(maxAbs(w['wide.W'].data)).toBeLessThanOrEqual(0.2);
    expect(maxAbs(w['wide.W'].data)).toBeGreaterThan(0.15);
    expect(maxAbs(w['out.b'].data)).toBe(0);
  });
});
