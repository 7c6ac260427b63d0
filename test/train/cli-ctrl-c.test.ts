// Ctrl-C in `train` as a user presses it, on the real executable: the hostile graph whose one step is
// three 4096-wide Dense products on 1,800 rows (seconds to minutes). Nothing here is timed: the first
// Ctrl-C lands inside step 1 (sent once the worker starts it), and honouring it inside the step is what
// makes the run end at step 0 with the initial weights saved; without that, step 1 would complete.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, hasStackTrace, ROOT } from '../cli/helpers.ts';

const slow = join(ROOT, 'test/fixtures/hostile/cli-slow-step-ctrl-c.json');
const dir = mkdtempSync(join(tmpdir(), 'bps-ctrlc-'));

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** resolves once stderr contains `text` */
  sawErr: (text: string) => Promise<void>;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['bin/backprop-studio.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of waiters.filter((w) => err.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    sawErr: (text) =>
      err.includes(text)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ text, resolve })),
    exited,
  };
}

describe('Ctrl-C during a slow step', () => {
  it('the first Ctrl-C stops inside step 1: exit 0, step 0, and the initial weights are saved', async () => {
    const init = join(dir, 'init.safetensors');
    expect(bin('train', slow, '--epochs', '0', '--save-weights', init).code).toBe(0);
    const out = join(dir, 'stopped.safetensors');
    const run = start(['train', slow, '--save-weights', out]);
    await run.sawErr('training on'); // the worker posts this right before step 1
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain('stopping (Ctrl-C again to quit at once');
    // step 1 was cut short inside a node (not completed and then stopped), and not applied
    expect(run.stdout()).toMatch(/stopped at step 0 \(epoch 0\/1\)/);
    expect(run.stdout()).toMatch(
      /step 1 was cut short in node n\d \((forward|backward) pass\) and not applied/,
    );
    expect(run.stdout()).toContain(`saved the weights to ${out} (after step 0)`);
    expect(readFileSync(out).equals(readFileSync(init))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(hasStackTrace(run.stderr())).toBe(false);
  }, 300_000);

  it('--json: the done line says "stopped" at step 0 and where step 1 was cut short', async () => {
    const run = start(['train', slow, '--json']);
    await run.sawErr('training on'); // stderr: stdout stays JSON lines only
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    const lines = run
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1); // no epoch completed
    expect(lines[0]).toMatchObject({ done: true, status: 'stopped', epoch: 0, step: 0 });
    const at = (lines[0].interrupted as { step: number; at: string }) ?? { step: 0, at: '' };
    expect(at.step).toBe(1);
    expect(at.at).toMatch(/^node n\d \((forward|backward) pass\)$/);
  }, 300_000);

  it('a second Ctrl-C quits at once with exit 130, even while the worker is stuck', async () => {
    const run = start(['train', slow, '--save-weights', join(dir, 'never.json')], {
      BACKPROP_STUDIO_TEST_STALL_WORKER: '1',
    });
    await run.sawErr('training on');
    run.child.kill('SIGINT');
    await run.sawErr('Ctrl-C again');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain('quit: nothing saved');
    expect(readdirSync(dir)).not.toContain('never.json');
  }, 300_000);
});
