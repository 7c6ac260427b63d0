// The PyTorch export computes what our engine computes: for every case, random weights and a random
// batch go through our engine and through the exported file's `predict`, and the outputs agree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGraph } from '../../engine/export/index.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { roundTripCases, smallImdb } from './cases.ts';
import {
  compareTensors,
  engineOutput,
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
import type { Tensor } from '../../engine/tensor.ts';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const { cases, tooBig } = roundTripCases();
const dir = tempDir();
const engine = new Map<string, { f32: Tensor; f64: Tensor }>();
let results: Record<string, PyResult> = {};
const worst = { f64: 0, f32vs64: 0, f32: 0 };

beforeAll(() => {
  const jobs: PyJob[] = [];
  cases.forEach((c, i) => {
    const file = writeExport(c.graph, dir, `case${i}`);
    const weights = randomWeights(c.graph, 100 + i);
    const input = c.graph.nodes.find((n) => n.type === 'Input')!;
    const x = randomBatch(input.params.shape as number[], 3, 200 + i, c.vocab);
    engine.set(c.name, {
      f32: engineOutput(c.graph, weights, x, 'float32'),
      f64: engineOutput(c.graph, weights, x, 'float64'),
    });
    const w = writeJson(dir, `case${i}.weights.json`, weights);
    const inp = writeJson(dir, `case${i}.input.json`, { x: tensorJson(x) });
    jobs.push({ name: `${c.name}/count`, file, argv: [], count: true });
    for (const dtype of ['float64', 'float32']) {
      jobs.push({
        name: `${c.name}/${dtype}`,
        file,
        argv: ['predict', '--weights', w, '--input', inp, '--dtype', dtype],
      });
    }
  });
  results = runPythonJobs(jobs, dir);
}, 600_000);

afterAll(() => {
  // the measured agreement, for docs/export.md and the report
  writeFileSync(join(dir, 'worst.json'), JSON.stringify(worst));
  console.log(`PyTorch export vs engine, max |diff| over ${cases.length} cases:`, worst, `(files in ${dir})`);
});

function pythonY(name: string): { shape: number[]; data: number[] } {
  const r = results[name];
  expect(r.stderr, `${name} stderr`).toBe('');
  expect(r.exitCode).toBe(0);
  return (JSON.parse(r.stdout) as { y: { shape: number[]; data: number[] } }).y;
}

describe('PyTorch export: predict agrees with the engine', () => {
  it('covers every example (the large ones through a small variant of the same structure)', () => {
    const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(tooBig).toEqual(['seed-imdb-bilstm.json']);
    expect(cases.filter((c) => c.name.startsWith('example')).length).toBe(examples.length - tooBig.length);
  });

  it('the full seed IMDb export differs from its small variant only in sizes, and has 2,757,761 parameters', () => {
    // the lecture's full-size IMDb model (the example is the same network sized to its spam data)
    const full = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/lecture-imdb.json'), 'utf8'));
    const a = exportGraph(full, 'pytorch');
    const b = exportGraph({ ...smallImdb(), name: full.name }, 'pytorch');
    const sizes = (code: string) => code.replace(/\d+/g, 'N');
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(sizes(a.code)).toBe(sizes(b.code));
    const file = writeExport(full, dir, 'seed-imdb-full');
    const r = runPythonJobs([{ name: 'full', file, argv: [], count: true }], dir);
    expect(r.full.stderr).toBe('');
    expect(Number(r.full.stdout)).toBe(2_757_761);
  }, 300_000);

  it.each(cases.map((c) => [c.name]))('%s', (name) => {
    // single_bias freezes PyTorch's extra biases: the trainable count is Keras's (= our summary)
    expect(Number(results[`${name}/count`].stdout)).toBe(
      analyzeGraph(cases.find((c) => c.name === name)!.graph).totalParams,
    );
    const ours = engine.get(name)!;
    const py64 = pythonY(`${name}/float64`);
    const py32 = pythonY(`${name}/float32`);
    // float64 on both sides: the same function up to rounding
    const a = compareTensors(py64, ours.f64, 1e-9, 1e-12);
    expect(a.ok, a.why).toBe(true);
    // our float32 engine against PyTorch float64 and float32 (the reference tolerances)
    const b = compareTensors(py64, ours.f32, 1e-4, 1e-5);
    expect(b.ok, b.why).toBe(true);
    const c = compareTensors(py32, ours.f32, 1e-4, 1e-5);
    expect(c.ok, c.why).toBe(true);
    worst.f64 = Math.max(worst.f64, a.maxAbs);
    worst.f32vs64 = Math.max(worst.f32vs64, b.maxAbs);
    worst.f32 = Math.max(worst.f32, c.maxAbs);
  });
});
