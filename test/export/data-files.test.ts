// export-data's files as other tools read them: .npy through NumPy, the tar the app downloads through
// tar and Python's tarfile, the split equal to the app trainer's, and the command's messages.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFiles } from '../../engine/export/data.ts';
import { decodeNpy, encodeNpy } from '../../engine/data/npy.ts';
import { tarArchive } from '../../engine/export/tar.ts';
import type { Dataset } from '../../engine/data/types.ts';
import { trainValSplit } from '../../engine/train/trainer.ts';
import type { TrainingConfig } from '../../graph-schema/schema.ts';
import { cli, ROOT } from '../cli/helpers.ts';
import { PYTHON, tempDir } from './helpers.ts';

const dir = tempDir();
const py = (code: string) => spawnSync(PYTHON, ['-c', code], { encoding: 'utf8' });

describe('npy and tar writers', () => {
  it('NumPy reads our .npy files with their shape, dtype and values', () => {
    writeFileSync(join(dir, 'a.npy'), encodeNpy([2, 3], [1.5, -2, 3, 4, 5, 6.25], 'float32'));
    writeFileSync(join(dir, 'b.npy'), encodeNpy([4], [0, 1, -7, 2 ** 30], 'int32'));
    const r = py(
      `import numpy as np, json; a = np.load(${JSON.stringify(join(dir, 'a.npy'))}); b = np.load(${JSON.stringify(join(dir, 'b.npy'))}); print(json.dumps([a.shape, str(a.dtype), a.ravel().tolist(), b.shape, str(b.dtype), b.tolist()]))`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      [2, 3],
      'float32',
      [1.5, -2, 3, 4, 5, 6.25],
      [4],
      'int32',
      [0, 1, -7, 2 ** 30],
    ]);
  });

  it('tar and Python read the archive the app downloads', () => {
    const big = new Uint8Array(1000).map((_, i) => i % 251);
    writeFileSync(
      join(dir, 't.tar'),
      tarArchive([
        { name: 'd/a.txt', data: 'hello\n' },
        { name: 'd/b.bin', data: big },
      ]),
    );
    const list = spawnSync('tar', ['tvf', join(dir, 't.tar')], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('d/b.bin');
    const r = py(
      `import tarfile, json; t = tarfile.open(${JSON.stringify(join(dir, 't.tar'))}); print(json.dumps([[m.name, m.size] for m in t.getmembers()] + [list(t.extractfile("d/b.bin").read()[:5])]))`,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      ['d/a.txt', 6],
      ['d/b.bin', 1000],
      [0, 1, 2, 3, 4],
    ]);
  });
});

describe('datasetFiles', () => {
  const training = { validationSplit: 0.25, seed: 9 } as TrainingConfig;
  const n = 8;
  const ds: Dataset = {
    id: 'upload:t.csv',
    description: 'eight rows',
    task: 'classification',
    x: { shape: [n, 2], data: Float32Array.from({ length: 2 * n }, (_, i) => i) },
    y: { shape: [n], data: Float32Array.from({ length: n }, (_, i) => i % 3) },
    numClasses: 3,
  };

  it('writes the rows of the trainer split, in its order, with a manifest', () => {
    const files = datasetFiles(ds, training, { xDtype: 'float32', graphName: 'g' });
    const split = trainValSplit(n, training, 9);
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.data as string);
    expect(manifest.rows).toEqual({ train: split.train.length, val: split.val.length });
    expect(manifest.files).toContain('README.md');
    for (const f of files) if (typeof f.data !== 'string') writeFileSync(join(dir, f.name), f.data);
    const r = py(
      `import numpy as np, json; d = ${JSON.stringify(dir)}; print(json.dumps([np.load(d + "/train_x.npy")[:, 0].tolist(), np.load(d + "/val_y.npy").tolist(), str(np.load(d + "/val_y.npy").dtype)]))`,
    );
    expect(r.status, r.stderr).toBe(0);
    const [trainFirst, valY, yType] = JSON.parse(r.stdout);
    expect(trainFirst).toEqual(Array.from(split.train, (i) => 2 * i));
    expect(valY).toEqual(Array.from(split.val, (i) => i % 3));
    expect(yType).toBe('int32');
  });
});

describe('export-data command', () => {
  const graph = join(ROOT, 'examples', 'mlp-spirals.json');

  it('needs -o DIR (exit 2)', async () => {
    const r = await cli('export-data', graph);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('export-data needs -o DIR');
  });

  it('writes the folder, then refuses to replace it without --force', async () => {
    const out = join(dir, 'spirals');
    const first = await cli('export-data', graph, '-o', out);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('train_x.npy');
    const again = await cli('export-data', graph, '-o', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect((await cli('export-data', graph, '-o', out, '--force')).code).toBe(0);
  });

  it('reports a graph whose data cannot load (exit 1) without a stack trace', async () => {
    const bad = join(dir, 'bad.json');
    const g = JSON.parse(readFileSync(graph, 'utf8'));
    g.training.dataset = { id: 'builtin:nope', options: {} };
    writeFileSync(bad, JSON.stringify(g));
    const r = await cli('export-data', bad, '-o', join(dir, 'x'));
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('train --data DIR: the CLI reads an export-data folder back', () => {
  it.each(['mlp-spirals', 'vanishing-rnn-recall'])(
    '%s: training on the folder prints exactly what training on the built-in dataset prints',
    async (name) => {
      const graph = join(ROOT, 'examples', `${name}.json`);
      const out = join(dir, `back-${name}`);
      expect((await cli('export-data', graph, '-o', out)).code).toBe(0);
      const direct = await cli('train', graph, '--epochs', '1', '--json');
      const viaFolder = await cli('train', graph, '--epochs', '1', '--json', '--data', out);
      // nothing on stderr but the start line ("training on <data>", printed with --json too)
      expect(viaFolder.stderr).toMatch(/^training on [^\n]*$/);
      expect(viaFolder.stderr).toBe(direct.stderr);
      expect(viaFolder.code).toBe(0);
      expect(viaFolder.stdout).toBe(direct.stdout);
    },
    120_000,
  );

  it('names what is wrong with a folder (exit 1)', async () => {
    const graph = join(ROOT, 'examples', 'mlp-spirals.json');
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty, { recursive: true });
    const r = await cli('train', graph, '--epochs', '1', '--data', empty);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the folder has no manifest.json');
    // a folder written for another graph: rows of another shape
    const other = join(dir, 'recall-data');
    await cli('export-data', join(ROOT, 'examples', 'vanishing-rnn-recall.json'), '-o', other);
    const wrong = await cli('train', graph, '--epochs', '1', '--data', other);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('train_x.npy has rows of shape [50] but the Input takes [2]');
  });

  it('decodeNpy refuses what it cannot read', () => {
    expect(decodeNpy(new Uint8Array(20))).toContain('not a .npy file');
    const f = encodeNpy([2], [1, 2], 'float32');
    const header = new TextDecoder()
      .decode(f.subarray(10, 64))
      .replace("'fortran_order': False", "'fortran_order': True ");
    const fortran = new Uint8Array(f);
    fortran.set(new TextEncoder().encode(header), 10);
    expect(decodeNpy(fortran)).toContain('Fortran order');
    expect(decodeNpy(f.subarray(0, f.length - 2))).toContain('needs 8 bytes');
    const ok = decodeNpy(f);
    expect(typeof ok !== 'string' && Array.from(ok.data)).toEqual([1, 2]);
  });
});
