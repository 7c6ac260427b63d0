// train --workers: two worker threads compute each split batch and print the same JSON lines as one;
// a batch too small to split trains on one worker and says so; a bad value is a usage error.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace, ROOT } from '../cli/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bps-workers-'));

/** The names char LSTM (batch 32: split in two) with `training` merged in. */
function charLstm(training: Record<string, unknown> = {}): string {
  const doc = JSON.parse(readFileSync(join(ROOT, 'examples/char-lstm-names.json'), 'utf8'));
  doc.training = { ...doc.training, ...training };
  const file = join(dir, `g${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('train --workers', () => {
  it('2 workers print exactly what 1 worker prints (--json), and say they run', async () => {
    const file = charLstm();
    const one = await cli('train', file, '--steps', '8', '--json', '--workers', '1');
    const two = await cli('train', file, '--steps', '8', '--json', '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout.trim().split('\n').at(-1)!).step).toBe(8);
    expect(two.stderr).toContain('(2 workers)');
    expect(one.stderr).not.toContain('workers');
  }, 120_000);

  it('a batch too small to split trains on one worker and says why', async () => {
    const r = await cli('train', charLstm({ batchSize: 4 }), '--steps', '2', '--json', '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('one worker: batches of 4 rows of this model are too small to split');
  }, 60_000);

  it('--workers 3 is a usage error, without a stack trace', async () => {
    const r = await cli('train', charLstm(), '--workers', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers must be 1, 2 or auto, got "3"');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
