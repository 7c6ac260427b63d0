// Limits before allocation: graphs too large to train are refused from their shapes alone (parameter
// cap, memory estimate), and data files are refused while being read once over their cap.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCappedText } from '../../cli/read-capped.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { checkTrainingMemory, estimateTrainingMemory } from '../../engine/train/memory.ts';
import { MAX_DATA_FILE_BYTES } from '../../graph-schema/limits.ts';
import { cli } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bps-limits-'));
const hostile = (name: string) => new URL(`../fixtures/hostile/${name}`, import.meta.url).pathname;

/** Input [T, F] -> LSTM(units) -> Dense(2) -> Softmax, trained with `optimizer` at `batch`. */
function lstmGraph(T: number, units: number, batch: number | 'full', optimizer = 'adam') {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: 'long sequences',
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [T, 8] } },
      { id: 'rec', type: 'LSTM', params: { units } },
      { id: 'out', type: 'Dense', params: { units: 2 } },
      { id: 'p', type: 'Softmax', params: {} },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'rec' },
      { id: 'e2', source: 'rec', target: 'out' },
      { id: 'e3', source: 'out', target: 'p' },
    ],
    training: {
      dataset: { id: 'builtin:spirals', options: {} },
      optimizer: { type: optimizer },
      batchSize: batch,
      epochs: 1,
    },
  };
}

describe('the memory estimate', () => {
  test('counts parameters, gradients, optimizer slots and per-step cell values exactly', () => {
    const a = analyzeGraph(lstmGraph(10, 4, 3));
    // LSTM(4) on 8 features: 4*4*(8+4+1) = 208 params; Dense(2): 10; total 218
    expect(a.totalParams).toBe(218);
    const e = estimateTrainingMemory(a, 3, {
      optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    });
    expect(e.params).toBe(218 * 4);
    expect(e.optimizer).toBe(2 * 218 * 4);
    // per example: outputs+grads: in 2*80, rec 2*4 + 7*4*10 cell values, out 2*2, p 2*2 = 160 + 288 + 4 + 4
    expect(e.activations).toBe((160 + 288 + 4 + 4) * 3 * 4);
    expect(e.total).toBe(e.params * 4 + e.activations);
  });

  test('SGD keeps no state; momentum and Adam keep one and two slots', () => {
    const a = analyzeGraph(lstmGraph(10, 4, 3));
    const slots = (type: string) =>
      estimateTrainingMemory(a, 3, { optimizer: { type } as never }).optimizer / (218 * 4);
    expect([slots('sgd'), slots('momentum'), slots('adam')]).toEqual([0, 1, 2]);
  });

  test('a long-sequence LSTM with a large batch is refused, naming the parts and the node', () => {
    const refusal = checkTrainingMemory(analyzeGraph(lstmGraph(5000, 1024, 256)));
    expect(refusal?.nodeId).toBe('rec');
    expect(refusal?.message).toMatch(
      /^training needs about \d+\.\d GB of memory \(parameters 16 MB, gradients 16 MB, adam state 32 MB, activations for a batch of 256 \d+\.\d GB\), over the 1\.5 GB budget/,
    );
    // the same graph at batch 1 fits
    expect(checkTrainingMemory(analyzeGraph(lstmGraph(5000, 1024, 1)))).toBeNull();
  });

  test('batch "full" is checked with the number of examples once known', () => {
    const a = analyzeGraph(lstmGraph(1000, 256, 'full'));
    expect(checkTrainingMemory(a)).toBeNull();
    expect(checkTrainingMemory(a, { examples: 100_000 })?.message).toContain('a batch of 100000');
  });
});

describe('the CLI refuses before allocating', () => {
  test('train refuses the memory-hungry graph before compiling or loading data', async () => {
    const file = join(dir, 'long.json');
    writeFileSync(file, JSON.stringify(lstmGraph(5000, 1024, 256)));
    const r = await cli('train', file, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('over the 1.5 GB budget');
    expect(r.stdout).toBe('');
  });

  test('the 4.1e9-parameter embedding and the 1.68e9-parameter chain are refused by validate and train', async () => {
    for (const name of ['valid-embedding-1e6x4096.json', 'valid-dense-chain-1.68e9-params.json']) {
      const v = await cli('validate', hostile(name));
      expect(v.code).toBe(1);
      expect(v.stdout).toMatch(
        /the graph has [\d,]+ parameters, over the limit of 50,000,000 \(node \w+ alone has/,
      );
      const t = await cli('train', hostile(name));
      expect(t.code).toBe(1);
      expect(t.stderr).toContain('over the limit of 50,000,000');
    }
  });

  test('a data file over the cap is refused from its size, unread', async () => {
    const r = await readCappedText(hostile('../../../package.json'), 10);
    expect(r).toMatchObject({ ok: false, tooLarge: true });
    if (!r.ok) expect(r.message).toMatch(/is 0\.0 MB, over the 0\.0 MB limit for a data file/);
    expect(MAX_DATA_FILE_BYTES).toBe(64 * 1024 * 1024);
  });

  test('a stream of unknown size is cut at the cap while reading (never read whole)', async () => {
    const r = await readCappedText('/dev/zero', 3 * 1024 * 1024);
    expect(r).toMatchObject({ ok: false, tooLarge: true });
    if (!r.ok) expect(r.message).toContain('is more than 3.0 MB, over the 3.0 MB limit');
  });

  test('a small data file is read whole, its byte-order mark dropped', async () => {
    const file = join(dir, 'd.csv');
    writeFileSync(file, '\ufeffa,b\n1,2\n');
    expect(await readCappedText(file, 1024)).toEqual({ ok: true, text: 'a,b\n1,2\n' });
    expect(readFileSync(file, 'utf8').length).toBe(9);
  });
});
