// Kept runs (issue 11): labels say what changed since the previous run, x-axes count steps, epochs or
// examples seen, curves of different runs align on one chart, tick labels stay short.
import { describe, expect, test } from 'vitest';
import { align, columnsOf, specsOf } from '../../app/runs/chartData.ts';
import { runLabel, settingsOf } from '../../app/runs/settings.ts';
import { examplesSeen, type RunRecord, xOf } from '../../app/runs/types.ts';
import { axisWidth, fmtTick, logLabels, WHOLE_INCRS } from '../../app/training/ticks.ts';
import { SEED_EXAMPLE } from '../../app/model/examples.ts';
import type { Graph } from '../../graph-schema/schema.ts';

function withTraining(g: Graph, t: Partial<NonNullable<Graph['training']>>): Graph {
  return { ...g, training: { ...(g.training as NonNullable<Graph['training']>), ...t } };
}

describe('run labels', () => {
  const base = settingsOf(SEED_EXAMPLE);
  test('a first run names optimizer, learning rate and batch', () => {
    expect(runLabel(null, base, 'Seed')).toBe('adam, lr 0.001, batch 32');
  });
  test('the lecture comparisons: batch size, full batch, learning rate, optimizer', () => {
    expect(runLabel(base, settingsOf(withTraining(SEED_EXAMPLE, { batchSize: 1 })), 'Seed')).toBe('batch 1');
    expect(runLabel(base, settingsOf(withTraining(SEED_EXAMPLE, { batchSize: 'full' })), 'Seed')).toBe(
      'full batch',
    );
    const lr = withTraining(SEED_EXAMPLE, {
      optimizer: { type: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    });
    expect(runLabel(base, settingsOf(lr), 'Seed')).toBe('lr 0.1');
    const mom = withTraining(SEED_EXAMPLE, {
      optimizer: { type: 'momentum', lr: 0.001, momentum: 0.9, dampening: 0 },
    });
    expect(runLabel(base, settingsOf(mom), 'Seed')).toBe('momentum');
    const momLr = withTraining(SEED_EXAMPLE, {
      optimizer: { type: 'momentum', lr: 0.05, momentum: 0.9, dampening: 0 },
    });
    expect(runLabel(base, settingsOf(momLr), 'Seed')).toBe('momentum, lr 0.05');
  });
  test('a changed initialization or layer parameter is named by node', () => {
    const g = {
      ...SEED_EXAMPLE,
      nodes: SEED_EXAMPLE.nodes.map((n) =>
        n.id === 'out' ? { ...n, params: { ...n.params, init: { kernel: 'he_normal' } } } : n,
      ),
    } as Graph;
    expect(runLabel(base, settingsOf(g), 'Seed')).toBe('out.init.kernel he_normal');
  });
  test('the same settings again read "rerun"; another model is named by its graph', () => {
    expect(runLabel(base, settingsOf(SEED_EXAMPLE), 'Seed')).toBe('rerun');
    const other = {
      ...SEED_EXAMPLE,
      nodes: SEED_EXAMPLE.nodes.slice(0, 2),
      edges: SEED_EXAMPLE.edges.slice(0, 1),
    } as Graph;
    expect(runLabel(base, settingsOf(other), 'Tiny')).toBe('Tiny: adam, lr 0.001, batch 32');
  });
});

const run = (over: Partial<RunRecord>): RunRecord => ({
  id: 'a',
  createdAt: 0,
  graphName: 'g',
  settings: {},
  label: 'a',
  colour: '#000',
  visible: true,
  batch: 32,
  trainSize: 100,
  stepsPerEpoch: 4,
  status: 'finished',
  steps: [],
  loss: [],
  valSteps: [],
  valLoss: [],
  ...over,
});

describe('x-axes', () => {
  const r = run({});
  test('examples seen count a short last batch per epoch', () => {
    // 100 rows in batches of 32: 32, 64, 96, 100 per epoch.
    expect([1, 2, 3, 4, 5, 8].map((s) => examplesSeen(r, s))).toEqual([32, 64, 96, 100, 132, 200]);
  });
  test('epochs are steps over steps per epoch', () => {
    expect(xOf(r, 6, 'epochs')).toBe(1.5);
    expect(xOf(r, 6, 'steps')).toBe(6);
  });
});

describe('chart columns', () => {
  test('align fills the union of x values, null where a curve has no point', () => {
    expect(
      align([
        { xs: [1, 2, 3], ys: [10, 20, 30] },
        { xs: [2, 4], ys: [5, 6] },
      ]),
    ).toEqual([
      [1, 2, 3, 4],
      [10, 20, 30, null],
      [null, 5, null, 6],
    ]);
  });
  test('two visible runs give two training and two validation series; hidden runs none', () => {
    const a = run({
      id: 'a',
      label: 'batch 32',
      steps: [1, 2, 3, 4],
      loss: [4, 3, 2, 1],
      valSteps: [4],
      valLoss: [1.5],
    });
    const b = run({ id: 'b', label: 'batch 8', batch: 8, stepsPerEpoch: 13, steps: [1, 2], loss: [5, 4] });
    const c = run({ id: 'c', visible: false, steps: [1], loss: [9] });
    const specs = specsOf([a, b, c], null);
    expect(specs.map((s) => `${s.runId}:${s.kind}`)).toEqual(['a:train', 'a:val', 'b:train', 'b:val']);
    expect(specs[2].label).toBe('batch 8 · training');
    const cols = columnsOf([a, b, c], specs, 'examples', null);
    // a: 32, 64, 96, 100 examples; b: 8, 16.
    expect(cols[0]).toEqual([8, 16, 32, 64, 96, 100]);
    expect(cols[1]).toEqual([null, null, 4, 3, 2, 1]);
    expect(cols[2]).toEqual([null, null, null, null, null, 1.5]);
    expect(cols[3]).toEqual([5, 4, null, null, null, null]);
  });
  test('a long run is drawn with at most DRAW_POINTS points, its last point kept', () => {
    const n = 50_000;
    const long = run({
      steps: Array.from({ length: n }, (_, i) => i + 1),
      loss: Array.from({ length: n }, (_, i) => 1 / (i + 1)),
    });
    const specs = specsOf([long], null);
    const cols = columnsOf([long], specs, 'steps', null);
    expect(cols[0].length).toBeLessThanOrEqual(1500);
    expect(cols[0][cols[0].length - 1]).toBe(n);
  });
});

describe('tick labels', () => {
  test('are short at every magnitude', () => {
    expect([0, 0.25, 1, 12, 1500, 25_000, 1_200_000, 3e9].map(fmtTick)).toEqual([
      '0',
      '0.25',
      '1',
      '12',
      '1500',
      '25k',
      '1.2M',
      '3G',
    ]);
  });
  test('small values on a log scale keep their digits', () => {
    expect([1e-5, 0.001, 0.005, 0.01].map(fmtTick)).toEqual(['1e-5', '1e-3', '5.0e-3', '0.01']);
  });
  test('the axis is as wide as its widest label', () => {
    const w = axisWidth(['1', '1e-5', '0.25'], (s) => s.length * 7, false);
    expect(w).toBe(4 * 7 + 14);
  });
});

describe('axis helpers', () => {
  test('huge values use an exponent, not a row of zeros', () => {
    expect([1e12, 1e15, 2.5e13].map(fmtTick)).toEqual(['1e12', '1e15', '2.5e13']);
  });
  test('a log axis labels powers of ten only', () => {
    expect(logLabels([0.001, 0.002, 0.005, 0.01, 0.1, 0.3, 1, 10])).toEqual([
      '1e-3',
      '',
      '',
      '0.01',
      '0.1',
      '',
      '1',
      '10',
    ]);
  });
  test('step axes tick at whole numbers', () => {
    expect(WHOLE_INCRS.slice(0, 6)).toEqual([1, 2, 5, 10, 20, 50]);
    expect(WHOLE_INCRS.every(Number.isInteger)).toBe(true);
  });
});
