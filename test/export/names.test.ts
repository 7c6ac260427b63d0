// Generated Python names never collide with Python keywords, builtins or any attribute of
// torch.nn.Module. The oracle is test/fixtures/python-reserved-names.json, written by /usr/bin/python3
// from dir(torch.nn.Module()), keyword.kwlist + softkwlist and dir(builtins).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON_BUILTINS } from '../../engine/export/python-builtins.ts';
import { isReservedPythonName, pythonNames } from '../../engine/export/python.ts';
import { cli } from '../cli/helpers.ts';
import { PYTHON } from './helpers.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/python-reserved-names.json', import.meta.url), 'utf8'),
) as { moduleAttributes: string[]; keywords: string[]; builtins: string[] };
const reserved = new Set([...fixture.moduleAttributes, ...fixture.keywords, ...fixture.builtins]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('the Python name sanitizer', () => {
  it('the fixture holds what Python says (Module internals such as _modules included)', () => {
    expect(fixture.moduleAttributes).toContain('_modules');
    expect(fixture.moduleAttributes).toContain('forward');
    expect(fixture.keywords).toContain('match');
    expect(fixture.moduleAttributes.length).toBeGreaterThan(90);
  });

  it('maps every Module attribute, keyword and builtin to a name that is none of them', () => {
    const all = [...reserved];
    for (const name of all) expect(isReservedPythonName(name), name).toBe(true);
    // one at a time and all in one graph (then they must also be distinct)
    for (const name of all) {
      const out = pythonNames([name]).get(name)!;
      expect(reserved.has(out), `${name} -> ${out}`).toBe(false);
      expect(out).toMatch(IDENTIFIER);
    }
    const together = pythonNames(all);
    const outs = [...together.values()];
    expect(new Set(outs).size).toBe(all.length);
    for (const out of outs) expect(reserved.has(out), out).toBe(false);
  });

  it('keeps the TypeScript builtin list equal to the fixture (public names)', () => {
    expect([...PYTHON_BUILTINS].sort()).toEqual(fixture.builtins.filter((b) => !b.startsWith('_')));
  });

  it('names that differ only in punctuation or a leading underscore stay distinct', () => {
    const ids = ['a-b', 'a_b', '_a_b', 'n_a_b', '1x', 'n_1x', 'x', '__init__'];
    const outs = [...pythonNames(ids).values()];
    expect(new Set(outs).size).toBe(ids.length);
    for (const o of outs) {
      expect(o).toMatch(IDENTIFIER);
      expect(o.startsWith('_')).toBe(false);
    }
  });
});

describe('the hostile export (node id "_modules")', () => {
  it('exports to a file that predicts with the same numbers as our predict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bps-names-'));
    const graph = join(dir, 'g.json');
    copyFileSync(new URL('../fixtures/hostile/export-id-_modules.json', import.meta.url), graph);
    const input = new URL('../fixtures/hostile/export-predict-input.json', import.meta.url).pathname;
    const weights = join(dir, 'w.json');
    const code = join(dir, 'model.py');
    expect((await cli('train', graph, '--epochs', '0', '--save-weights', weights)).code).toBe(0);
    expect((await cli('export', graph, '--to', 'pytorch', '-o', code)).code).toBe(0);
    const ours = await cli('predict', graph, '--weights', weights, '--input', input);
    expect(ours.code).toBe(0);
    const py = spawnSync(PYTHON, [code, 'predict', '--weights', weights, '--input', input], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(py.stderr).not.toContain('Traceback');
    expect(py.status).toBe(0);
    const a = JSON.parse(ours.stdout).y.data as number[];
    const b = JSON.parse(py.stdout).y.data as number[];
    expect(b.length).toBe(a.length);
    for (const [i, v] of b.entries()) expect(v).toBeCloseTo(a[i], 5);
  }, 120_000);
});
