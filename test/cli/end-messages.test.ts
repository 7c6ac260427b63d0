// What a user reads at the end of a CLI run and on a broken weights file: the text line of `train`
// ends with the numbers the run reached (the --json line has had them all along), and `predict` with
// a weights file that is not JSON names the line and column, as graph files do (not V8's wording).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace, ROOT } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bps-end-'));
const spirals = join(ROOT, 'examples/mlp-spirals.json');

describe('the end of a text run', () => {
  it('train --steps N: "finished" carries the loss and accuracy the --json line reports', async () => {
    const text = await cli('train', spirals, '--steps', '3');
    const json = await cli('train', spirals, '--steps', '3', '--json');
    expect(text.code).toBe(0);
    const done = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(done.status).toBe('finished');
    const line = text.stdout.split('\n').find((l) => l.startsWith('finished:'));
    expect(line).toBe(
      `finished: 3 steps, 0 epochs, loss ${done.loss.toFixed(4)}, accuracy ${done.accuracy.toFixed(3)}`,
    );
  });
});

describe('predict with a broken weights file', () => {
  it('says where the JSON breaks, exit 1, no stack trace', async () => {
    const weights = join(dir, 'w.json');
    writeFileSync(weights, '{ "nodes": [ oops\n');
    const input = join(dir, 'in.json');
    writeFileSync(input, '[[0.1, 0.2]]');
    const r = await cli('predict', spirals, '--weights', weights, '--input', input);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${weights}: not valid JSON at line 1, column 14: expected a value`);
    expect(r.stderr).not.toContain('Unexpected token');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
