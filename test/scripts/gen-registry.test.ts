// scripts/gen-registry.mjs: the committed NODE_DEFS / LAYERS lists are what the two folders hold,
// and a new node type is picked up from its two files alone. The second part drops the fixture pair
// of test/fixtures/registry/ (a `Scale` type) into a temporary copy of graph-schema/ and engine/,
// runs the script there, and shows the copy type-checks and uses the new type end to end.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_DEFS } from '../../graph-schema/schema.ts';
import { LAYERS } from '../../engine/layers/registry.ts';

const repo = join(import.meta.dirname, '..', '..');
const script = join(repo, 'scripts', 'gen-registry.mjs');
const gen = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [script, '--root', root, ...args], { cwd: repo, encoding: 'utf8' });

describe('the committed registry lists', () => {
  it('are what the script generates from the folders (--check passes)', () => {
    const r = gen(repo, '--check');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('hold every file of graph-schema/nodes/ once, in palette order, and a layer for each', async () => {
    const files = readdirSync(join(repo, 'graph-schema/nodes')).filter((f) => !f.endsWith('.gen.ts'));
    const types: string[] = [];
    for (const f of files) {
      const mod = await import(/* @vite-ignore */ pathToFileURL(join(repo, 'graph-schema/nodes', f)).href);
      const defs = Object.values(mod) as { type: string }[];
      expect(defs, f).toHaveLength(1);
      types.push(defs[0].type);
    }
    expect(Object.keys(NODE_DEFS).sort()).toEqual(types.sort());
    const orders = Object.values(NODE_DEFS).map((d) => d.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    for (const [t, d] of Object.entries(NODE_DEFS)) expect(d.type).toBe(t);
    expect(Object.keys(LAYERS)).toEqual(Object.keys(NODE_DEFS));
  });
});

describe('a new node type is its two files', () => {
  let tmp = '';
  const read = (rel: string) => readFileSync(join(tmp, rel), 'utf8');
  const fixture = join(repo, 'test/fixtures/registry');
  const formatFile = 'graph-schema/nodes/scale.ts';
  const engineFile = 'engine/layers/scale.ts';

  beforeAll(() => {
    // inside the repo so that zod and the other packages resolve from the copy
    // (test-output/ is not in git: a fresh clone has none)
    mkdirSync(join(repo, 'test-output'), { recursive: true });
    tmp = mkdtempSync(join(repo, 'test-output', 'gen-registry-'));
    cpSync(join(repo, 'graph-schema'), join(tmp, 'graph-schema'), { recursive: true });
    cpSync(join(repo, 'engine'), join(tmp, 'engine'), { recursive: true });
    for (const rel of [formatFile, engineFile]) cpSync(join(fixture, rel), join(tmp, rel));
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the lists are stale until the script runs (--check names them)', () => {
    const r = gen(tmp, '--check');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('graph-schema/nodes/index.gen.ts');
    expect(r.stderr).toContain('engine/layers/index.gen.ts');
  });

  it('the script registers it in both lists, at its palette order', () => {
    const r = gen(tmp);
    expect(r.status, r.stderr).toBe(0);
    const nodes = read('graph-schema/nodes/index.gen.ts');
    const layers = read('engine/layers/index.gen.ts');
    expect(nodes).toContain("import { scale } from './scale.ts';");
    expect(layers).toContain("import { scaleLayer } from './scale.ts';");
    // order 35: between Dense (30) and RNN (40)
    expect(nodes).toMatch(/ {2}Dense: dense,\n {2}Scale: scale,\n {2}RNN: rnn,/);
    expect(layers).toMatch(/ {2}Dense: denseLayer,\n {2}Scale: scaleLayer,\n {2}RNN: rnnLayer,/);
    expect(gen(tmp, '--check').status).toBe(0);
  });

  it('the copy type-checks with it (the typed records accept the new type)', () => {
    writeFileSync(
      join(tmp, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        include: ['graph-schema', 'engine'],
        exclude: ['engine/kernels/assembly'],
      }),
    );
    const tsc = spawnSync(
      join(repo, 'node_modules/.bin/tsc'),
      ['--noEmit', '-p', join(tmp, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('validates, infers, compiles, runs and exports to PyTorch', () => {
    const probe = join(tmp, 'probe.ts');
    writeFileSync(
      probe,
      `
import { NODE_TYPES, validateGraph } from './graph-schema/index.ts';
import { analyzeGraph, compileModel, exportGraph } from './engine/index.ts';
const doc = {
  format: 'backprop-studio.graph', version: 1,
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [3], dtype: 'float32' } },
    { id: 'x3', type: 'Scale', params: { factor: 3 } },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'x3' }],
};
const bad = { ...doc, nodes: [doc.nodes[0], { id: 'x3', type: 'Scale', params: { factor: 'big' } }] };
const model = compileModel(doc as never);
const y = model.forward({ shape: [1, 3], data: Float32Array.from([1, -2, 0.5]) });
const py = exportGraph(doc, 'pytorch');
console.log(JSON.stringify({
  types: NODE_TYPES,
  valid: validateGraph(doc).ok,
  badIssue: validateGraph(bad).issues.map((i) => i.message).join('; '),
  shape: analyzeGraph(doc).nodes.x3.outputShape,
  y: Array.from(y.data),
  pytorch: py.ok ? py.code.includes('* 3') : py,
}));
`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', probe], { cwd: repo, encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.types.indexOf('Scale')).toBe(r.types.indexOf('Dense') + 1);
    expect(r.valid).toBe(true);
    expect(r.badIssue).toMatch(/factor/);
    expect(r.shape).toEqual([3]);
    expect(r.y).toEqual([3, -6, 1.5]);
    expect(r.pytorch).toBe(true);
  });

  it('a format type without an engine descriptor is refused, naming the file', () => {
    unlinkSync(join(tmp, engineFile));
    const r = gen(tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("graph-schema/nodes/scale.ts defines node type 'Scale'");
    expect(r.stderr).toContain("LayerDescriptor<'Scale'>");
    expect(r.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
  });

  it('and so is a stale engine list that lacks it, by the compiler (satisfies)', () => {
    cpSync(join(fixture, engineFile), join(tmp, engineFile));
    const list = join(tmp, 'engine/layers/index.gen.ts');
    writeFileSync(list, readFileSync(list, 'utf8').replace('  Scale: scaleLayer,\n', ''));
    const tsc = spawnSync(
      join(repo, 'node_modules/.bin/tsc'),
      ['--noEmit', '-p', join(tmp, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toMatch(/index\.gen\.ts.*Scale/s);
  });

  it('a file of graph-schema/nodes/ that defines no type is refused', () => {
    writeFileSync(join(tmp, 'graph-schema/nodes/helpers.ts'), 'export const half = 0.5;\n');
    const r = gen(tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'graph-schema/nodes/helpers.ts: every file in graph-schema/nodes/ must export exactly one node type',
    );
  });
});
