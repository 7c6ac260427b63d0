// Every shared PyTorch reference case, run through runReferenceCase (the code path of
// `backprop-studio reference`), compared value by value with the README's tolerances, in float64
// (where the engine agrees to ~1e-10) and in float32 (the training precision).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceCommand, toleranceFor } from '../../cli/commands/reference.ts';
import { compareCase } from '../../engine/reference/compare.ts';
import { runReferenceCase } from '../../engine/reference/index.ts';

const dir = join(import.meta.dirname, 'cases');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): { kind: string; expected: unknown } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

describe('reference cases', () => {
  it('are all here (44 shared case files + 26 optimizer edge cases + 12 for the new layers, every kind)', () => {
    expect(files.length).toBe(82);
    const kinds = new Set(files.map((f) => load(f).kind));
    expect([...kinds].sort()).toEqual([
      'dense',
      'dropout',
      'embedding',
      'gru',
      'layer_norm',
      'lstm',
      'mse',
      'positional_embedding',
      'rnn',
      'self_attention',
      'sequence_softmax_ce',
      'sigmoid_bce',
      'softmax_ce',
      'train_charrnn',
      'train_mlp',
    ]);
  });

  for (const file of files) {
    it(`${file} float64 agrees to 1e-9`, () => {
      const c = load(file);
      // the engine never sees `expected`: it computes from config/inputs/params/upstream only
      const { expected, ...blind } = c;
      const { actual } = runReferenceCase(blind, { dtype: 'float64' });
      const cmp = compareCase(expected, actual, 1e-9, 1e-9);
      expect(cmp.mismatches).toEqual([]);
      expect(cmp.compared).toBeGreaterThan(0);
    });
    it(`${file} float32 within the README tolerances`, () => {
      const c = load(file);
      const { expected, ...blind } = c;
      const { actual } = runReferenceCase(blind, { dtype: 'float32' });
      const { rtol, atol } = toleranceFor(c.kind);
      expect(compareCase(expected, actual, rtol, atol).mismatches).toEqual([]);
    });
  }
});

describe('compareCase', () => {
  it('catches a value off by more than the tolerance, and a missing value', () => {
    const expected = { loss: 1, grads: { W: { shape: [2], data: [0.5, -2] } } };
    expect(
      compareCase(expected, { loss: 1, grads: { W: { shape: [2], data: [0.5, -2] } } }, 1e-4, 1e-5)
        .mismatches,
    ).toEqual([]);
    const off = compareCase(
      expected,
      { loss: 1, grads: { W: { shape: [2], data: [0.5, -2.001] } } },
      1e-4,
      1e-5,
    );
    expect(off.mismatches.map((m) => m.path)).toEqual(['grads.W.data[1]']);
    const missing = compareCase(expected, { grads: { W: { shape: [2], data: [0.5, -2] } } }, 1e-4, 1e-5);
    expect(missing.mismatches.map((m) => m.path)).toEqual(['loss']);
    const shape = compareCase(
      expected,
      { loss: 1, grads: { W: { shape: [1, 2], data: [0.5, -2] } } },
      1e-4,
      1e-5,
    );
    expect(shape.mismatches.map((m) => m.path)).toEqual(['grads.W.shape']);
  });
});

describe('backprop-studio reference', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  }

  it('prints the case with actual shaped like expected', async () => {
    const t = io();
    const code = await referenceCommand.run([join(dir, 'dense_tanh_b3_i4_o4.json')], t.io);
    expect(code).toBe(0);
    const printed = JSON.parse(t.out.join('\n'));
    expect(Object.keys(printed.actual).sort()).toEqual(Object.keys(printed.expected).sort());
    expect(printed.actual.grads.W.shape).toEqual([4, 4]);
  });

  it('--check says ok for a float32 training case', async () => {
    const t = io();
    const code = await referenceCommand.run(
      [join(dir, 'train_charrnn_v7_d5_h6_b2_t6.json'), '--check', '--float32'],
      t.io,
    );
    expect(code).toBe(0);
    expect(t.out[0]).toMatch(/^train_charrnn_v7_d5_h6_b2_t6: ok \(\d+ values/);
  });

  it('explains an unknown kind without a stack trace', async () => {
    const t = io();
    const path = join(import.meta.dirname, '..', '..', 'package.json');
    const code = await referenceCommand.run([path], t.io);
    expect(code).toBe(1);
    expect(t.err[0]).toContain('unknown kind undefined; known kinds: dense, embedding');
  });

  it('is registered in the real CLI (npx backprop-studio reference FILE)', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'backprop-studio.js');
    const r = spawnSync(process.execPath, [bin, 'reference', join(dir, 'mse_b3_d4.json')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.case).toBe('mse_b3_d4');
    expect(printed.actual.grads.y.shape).toEqual([3, 4]);
  });
});
