// The CLI's train and predict as scripts use them (ARCHITECTURE.md): --json lines, weights files,
// --epochs 0, a predict round trip, Ctrl-C, and errors without stack traces.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWeightsText } from '../../engine/train/weights-file.ts';
import { bin, cli, hasStackTrace, ROOT } from '../cli/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bps-train-'));
const spirals = join(ROOT, 'examples/mlp-spirals.json');
const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const EPOCH_KEYS = ['epoch', 'step', 'loss', 'valLoss', 'accuracy', 'valAccuracy', 'perplexity', 'gradients'];

/** The spirals example with a smaller training section (fast tests). */
function smallSpirals(training: Record<string, unknown> = {}): string {
  const doc = JSON.parse(readFileSync(spirals, 'utf8'));
  doc.training = { ...doc.training, dataset: { id: 'builtin:spirals', options: { n: 200 } }, ...training };
  const file = join(dir, `g${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('train --json', () => {
  it('prints one line per epoch with the contract keys, then a done line', async () => {
    const r = await cli('train', smallSpirals({ epochs: 2 }), '--json');
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(3);
    const [e1, e2, done] = out;
    expect(e1.epoch).toBe(1);
    expect(e2.epoch).toBe(2);
    expect(e2.step).toBe(2 * (e1.step as number));
    for (const e of [e1, e2]) {
      expect(Object.keys(e).every((k) => EPOCH_KEYS.includes(k))).toBe(true);
      for (const k of ['loss', 'valLoss', 'accuracy', 'valAccuracy']) expect(typeof e[k]).toBe('number');
      expect(e.perplexity).toBeUndefined(); // not a language model
      const g = e.gradients as {
        edges: Record<string, number>;
        params: Record<string, unknown>;
        timesteps: unknown;
      };
      expect(Object.keys(g).sort()).toEqual(['edges', 'params', 'timesteps']);
      expect(Object.keys(g.edges).sort()).toEqual(['e1', 'e2', 'e3']);
      expect(Object.keys(g.params).sort()).toEqual(['hidden', 'logits']);
    }
    expect(done).toMatchObject({ done: true, status: 'finished', epoch: 2, step: e2.step, loss: e2.loss });
  });

  it('--epochs 0 --save-weights saves the initial weights without loading any data', async () => {
    // an unknown dataset proves nothing is loaded
    const g = smallSpirals({ dataset: { id: 'builtin:does-not-exist' } });
    const out = join(dir, 'w0.json');
    const r = await cli('train', g, '--epochs', '0', '--save-weights', out, '--json');
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toMatchObject({ done: true, status: 'finished', step: 0 });
    const w = parseWeightsText(readFileSync(out, 'utf8'));
    expect(w.ok).toBe(true);
    if (w.ok) {
      expect(Object.keys(w.weights.tensors).sort()).toEqual(['hidden.W', 'hidden.b', 'logits.W', 'logits.b']);
      expect(w.weights.tensors['hidden.W'].shape).toEqual([32, 2]);
    }
  });

  it('saves trained weights that load back and predict: the round trip', async () => {
    const g = smallSpirals({ epochs: 3 });
    const w = join(dir, 'w3.json');
    expect((await cli('train', g, '--save-weights', w, '--json')).code).toBe(0);
    const input = join(dir, 'x.json');
    writeFileSync(input, JSON.stringify({ x: { shape: [3, 2], data: [0, 0, 0.5, -0.5, -1, 1] } }));
    const p = await cli('predict', g, '--weights', w, '--input', input);
    expect(p.code).toBe(0);
    const y = JSON.parse(p.stdout).y as { shape: number[]; data: number[] };
    expect(y.shape).toEqual([3, 2]);
    for (let i = 0; i < 3; i++) expect(y.data[2 * i] + y.data[2 * i + 1]).toBeCloseTo(1, 5);
    // training from the saved weights continues from them: --load-weights with 0 epochs saves the same file
    const again = join(dir, 'w3b.json');
    expect((await cli('train', g, '--load-weights', w, '--epochs', '0', '--save-weights', again)).code).toBe(
      0,
    );
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(w, 'utf8'));
  });
});

describe('train --data and divergence', () => {
  it('trains on an uploaded CSV and reports divergence in the done line, saving the last finite weights', async () => {
    const csv = [
      'x1,x2,y',
      ...Array.from({ length: 60 }, (_, i) => {
        const a = Math.sin(i) * 0.9;
        const b = Math.cos(3 * i) * 0.9;
        return `${a},${b},${3 * (a + b) + 0.01}`;
      }),
    ].join('\n');
    const data = join(dir, 'points.csv');
    writeFileSync(data, csv);
    const g = join(dir, 'reg.json');
    writeFileSync(
      g,
      JSON.stringify({
        format: 'backprop-studio.graph',
        version: 1,
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [2] } },
          { id: 'hidden', type: 'Dense', params: { units: 8, activation: 'relu' } },
          { id: 'out', type: 'Dense', params: { units: 1 } },
        ],
        edges: [
          { id: 'e1', source: 'in', target: 'hidden' },
          { id: 'e2', source: 'hidden', target: 'out' },
        ],
        training: {
          dataset: { id: 'upload:points.csv' },
          optimizer: { type: 'sgd', lr: 100 },
          batchSize: 6,
          epochs: 100,
          seed: 1,
        },
      }),
    );
    const w = join(dir, 'w-div.json');
    const r = await cli('train', g, '--data', data, '--json', '--save-weights', w);
    expect(r.code).toBe(0);
    const done = lines(r.stdout).at(-1)!;
    expect(done).toMatchObject({ done: true, status: 'diverged' });
    const d = done.divergence as { nodeId: string; param: string; message: string };
    expect(['hidden', 'out']).toContain(d.nodeId);
    expect(d.message).toContain(`node ${d.nodeId}`);
    const saved = parseWeightsText(readFileSync(w, 'utf8'));
    expect(saved.ok).toBe(true); // every saved number is finite (the reader checks)
  });
});

describe('train and predict errors', () => {
  it('usage errors exit 2, bad weights and inputs exit 1, never a stack trace', async () => {
    const g = smallSpirals();
    const bad = join(dir, 'bad-weights.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'backprop-studio.weights',
        version: 1,
        tensors: { 'x.W': { shape: [1], data: [0] } },
      }),
    );
    const input = join(dir, 'x-bad.json');
    writeFileSync(input, JSON.stringify({ x: { shape: [1, 3], data: [0, 0, 0] } }));
    const noTraining = join(dir, 'no-training.json');
    const doc = JSON.parse(readFileSync(spirals, 'utf8'));
    delete doc.training;
    writeFileSync(noTraining, JSON.stringify(doc));
    const good = join(dir, 'w-good.json');
    await cli('train', g, '--epochs', '0', '--save-weights', good);
    const runs = [
      [2, await cli('train', g, '--epochs', 'two')],
      [2, await cli('train')],
      [2, await cli('predict', g, '--input', input)],
      [1, await cli('train', g, '--load-weights', bad, '--epochs', '0')],
      [1, await cli('predict', g, '--weights', good, '--input', input)],
      [1, await cli('train', noTraining, '--json')],
    ] as const;
    for (const [code, r] of runs) {
      expect(r.code).toBe(code);
      expect(r.stderr.length).toBeGreaterThan(0);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(runs[3][1].stderr).toContain('"x.W"');
    expect(runs[4][1].stderr).toContain('x has shape [1,3] but the model takes [B, 2]');
    expect(runs[5][1].stderr).toContain('has no "training" section');
  });
});

describe('Ctrl-C', () => {
  it('stops after the current step, prints the done line with status "stopped" and still saves', async () => {
    const g = smallSpirals({ epochs: 100_000 });
    const w = join(dir, 'w-int.json');
    const child = spawn(
      process.execPath,
      ['bin/backprop-studio.js', 'train', g, '--json', '--save-weights', w],
      {
        cwd: ROOT,
      },
    );
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('"epoch":2,')) resolve();
      });
    });
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const done = lines(stdout).at(-1)!;
    expect(done).toMatchObject({ done: true, status: 'stopped', weights: w });
    expect(parseWeightsText(readFileSync(w, 'utf8')).ok).toBe(true);
  }, 120_000);

  it('the real executable trains an example from the command line', () => {
    const r = bin('train', smallSpirals({ epochs: 1 }), '--json');
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toMatchObject({ done: true, status: 'finished', epoch: 1 });
  });
});
