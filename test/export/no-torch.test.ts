// A Python without PyTorch gets one line saying how to install it (not an ImportError traceback),
// for any command including --help. torch is hidden from the import system to simulate it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.ts';
import { PYTHON, tempDir, writeExport } from './helpers.ts';

it('the exported script without torch prints one install line and exits 1', () => {
  const graph = JSON.parse(readFileSync(join(ROOT, 'examples', 'mlp-spirals.json'), 'utf8'));
  const file = writeExport(graph, tempDir(), 'model');
  const hide = `import runpy, sys; sys.modules["torch"] = None; sys.argv = [${JSON.stringify(file)}, "--help"]; runpy.run_path(sys.argv[0], run_name="__main__")`;
  const r = spawnSync(PYTHON, ['-c', hide], { encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toEqual([
    'error: this script needs PyTorch: pip install torch (Debian/Ubuntu: apt install python3-torch); see https://pytorch.org',
  ]);
});
