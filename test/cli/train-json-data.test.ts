// `train --data X.json`: JSON is not a data format of --data; a broken file is named with the line
// and column where its JSON breaks, a valid one with what to give instead. Exit 1, no stack trace,
// nothing trained (before: the file was read as a text corpus and failed with a shape message).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace, ROOT } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bps-json-data-'));
const spirals = join(ROOT, 'examples/mlp-spirals.json');

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('train --data with a .json file', () => {
  it('invalid JSON: the file, line and column of the break, and what --data reads', async () => {
    const bad = file('points.json', '{\n  "x": [[1, 2], [3, 4]],\n  "y": [0, 1],\n}\n');
    const r = await cli('train', spirals, '--data', bad, '--steps', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}: not valid JSON at line 4, column 1: expected a key in double quotes`);
    expect(r.stderr).toContain('--data reads a CSV');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('valid JSON: refused as a data format, with the formats it takes (not trained on as text)', async () => {
    const ok = file('rows.JSON', JSON.stringify({ x: [[1, 2]], y: [0] }));
    const r = await cli('train', spirals, '--data', ok, '--steps', '1', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${ok} is JSON, which is not a training data format`);
    expect(r.stderr).toContain('rename it to .txt');
  });

  it('the same text named .txt is still a text corpus (the check goes by the name only)', async () => {
    const txt = file('corpus.txt', '{"a": 1}\n'.repeat(50));
    const r = await cli('train', spirals, '--data', txt, '--steps', '1');
    expect(r.stderr).not.toContain('not valid JSON');
    expect(r.stderr).not.toContain('is JSON');
  });
});
