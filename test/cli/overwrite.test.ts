// The CLI never writes over its own input, and over an existing file only with --force (one shared
// helper, cli/output.ts, for export, train --save-weights, export-data and import-keras).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from './helpers.ts';

function copyOfTarget(): { dir: string; graph: string; original: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bps-overwrite-'));
  const graph = join(dir, 'G.json');
  copyFileSync(new URL('../fixtures/hostile/overwrite-target-copy-me.json', import.meta.url), graph);
  return { dir, graph, original: readFileSync(graph, 'utf8') };
}

describe('no overwrite', () => {
  test('export G.json -o G.json is refused, even with --force; the graph is intact', async () => {
    const { graph, original, dir } = copyOfTarget();
    for (const extra of [[], ['--force']]) {
      const r = await cli('export', graph, '--to', 'pytorch', '-o', graph, ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `refusing to write ${graph}: it is this command's input, which would be lost; choose another name`,
      );
      expect(readFileSync(graph, 'utf8')).toBe(original);
    }
    // the same file under another spelling is still the input
    const r = await cli('export', graph, '--to', 'pytorch', '-o', join(dir, '.', 'G.json'));
    expect(r.code).toBe(2);
    expect(readFileSync(graph, 'utf8')).toBe(original);
  });

  test('train G.json --save-weights G.json is refused before training', async () => {
    const { graph, original } = copyOfTarget();
    const r = await cli('train', graph, '--save-weights', graph, '--force');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("it is this command's input");
    expect(r.stdout).toBe('');
    expect(readFileSync(graph, 'utf8')).toBe(original);
  });

  test('an existing file is replaced only with --force', async () => {
    const { graph, dir } = copyOfTarget();
    const out = join(dir, 'model.py');
    writeFileSync(out, '# my own script\n');
    const r = await cli('export', graph, '--to', 'pytorch', '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${out} already exists; choose another name or pass --force to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('# my own script\n');
    expect((await cli('export', graph, '--to', 'pytorch', '-o', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('def build_model()');
    const w = join(dir, 'w.json');
    writeFileSync(w, 'keep');
    const t = await cli('train', graph, '--epochs', '0', '--save-weights', w);
    expect(t.code).toBe(2);
    expect(readFileSync(w, 'utf8')).toBe('keep');
    expect((await cli('train', graph, '--epochs', '0', '--save-weights', w, '--force')).code).toBe(0);
    expect(readFileSync(w, 'utf8')).toContain('backprop-studio.weights');
  });
});
