// Every hostile input of issue 16 (../shared/hostile/, copied to test/fixtures/hostile/ so CI does not
// depend on /work/shared) run the cheap way and checked for what the issue asks: a clear refusal that
// says what, where and the limit, the exit code (1 bad input, 2 usage or a refused write, 3 only for
// internal errors), no stack trace, nothing of the user's lost. A new file in the folder without a case
// here fails the first test. HOSTILE_DIR=/path runs the cases on another copy of the folder.
// docs/limits.md has the table of what a user sees for each file (message, exit code, time).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AUTOSAVE_KEY, keepAside, readAutosave, rescuedCopies } from '../../app/model/autosave.ts';
import { graphFromHash } from '../../app/model/persistence.ts';
import { type CliRun, cli, hasStackTrace } from '../cli/helpers.ts';

const FIXTURES = new URL('../fixtures/hostile/', import.meta.url).pathname;
const DIR = process.env.HOSTILE_DIR ?? FIXTURES;
const SHARED = '/work/shared/hostile';
const PYTHON = '/usr/bin/python3';

const path = (name: string) => join(DIR, name);
const text = (name: string) => readFileSync(path(name), 'utf8');
const tmp = () => mkdtempSync(join(tmpdir(), 'bps-hostile-'));

/** A refusal as the issue asks: the exit code, the message (validate reports on stdout, the other
 *  commands on stderr), no stack trace anywhere. */
function refused(r: CliRun, code: number, message: RegExp): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(r.code, all).toBe(code);
  expect(all).toMatch(message);
  expect(hasStackTrace(r.stdout) || hasStackTrace(r.stderr)).toBe(false);
}

/** A Storage backed by a Map (what autosave restore reads in the browser). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

/** The autosave value set in localStorage, then the app reloaded: refused, kept aside, unchanged. */
function autosaveRefused(name: string, reason: string, message: string): void {
  const s = memoryStorage();
  const value = text(name);
  s.setItem(AUTOSAVE_KEY, value);
  const r = readAutosave(s, 0);
  expect(r.kind).toBe('refused');
  if (r.kind !== 'refused') return;
  expect(r.copy.reason).toBe(reason);
  expect(r.copy.message).toContain(message);
  // kept aside as it was (the banner offers it for download), and the autosave key is not touched
  expect(keepAside(s, r.copy)).toBe(true);
  expect(rescuedCopies(s).map((c) => c.text)).toEqual([value]);
  expect(s.getItem(AUTOSAVE_KEY)).toBe(value);
}

/** The share link opened in a fresh tab: refused with this message (the app shows it in a toast). */
function shareLinkRefused(name: string, message: RegExp): void {
  const r = graphFromHash(text(name).trim());
  expect(r).not.toBeNull();
  if (!r || r.ok) throw new Error(`${name} was opened`);
  expect(r.issues.map((i) => i.message).join('\n')).toMatch(message);
}

/** What each file must do. Keys are the file names in the folder. */
const CASES: Record<string, { what: string; timeout?: number; check: () => Promise<void> | void }> = {
  'README.md': { what: 'describes the folder (not an input)', check: () => {} },

  'deep-unknown-key-depth100000.json': {
    what: 'validate, summary and train refuse the 100,000-deep key at the first level over 64, exit 1',
    check: async () => {
      // "line 1, column 536" of 200 kB: the bounds pass stopped at the limit instead of walking 100,000 levels
      const msg =
        /nodes\[1\]\.params\.extra\[0\].*\(line 1, column 536\): the document is nested 100004 levels deep \(the limit is 64.*refused before reading further/;
      for (const cmd of ['validate', 'summary'])
        refused(await cli(cmd, path('deep-unknown-key-depth100000.json')), 1, msg);
      refused(await cli('train', path('deep-unknown-key-depth100000.json'), '--steps', '1'), 1, msg);
    },
  },

  'share-hash-deep100000.txt': {
    what: 'the share link is refused by the same bounds pass (the tab stays usable)',
    check: () => shareLinkRefused('share-hash-deep100000.txt', /nested 100004 levels deep \(the limit is 64/),
  },

  'cli-deep-position-internal-error.json': {
    what: 'a 5,000-deep position is bad input (exit 1, named), not a stack overflow',
    check: async () => {
      const msg = /nodes\[1\]\.position\[0\].*: the document is nested 5003 levels deep \(the limit is 64/;
      for (const cmd of ['validate', 'summary'])
        refused(await cli(cmd, path('cli-deep-position-internal-error.json')), 1, msg);
    },
  },

  'share-hash-20MB-description.txt': {
    what: 'a link carrying a 20 MB graph is refused by the 5 MB cap of files',
    check: () =>
      shareLinkRefused(
        'share-hash-20MB-description.txt',
        /the document is 19\.1 MB, over the 5 MB limit for a graph/,
      ),
  },

  'autosave-value-newer-version.txt': {
    what: 'refused with its version, kept aside unchanged',
    check: () =>
      autosaveRefused(
        'autosave-value-newer-version.txt',
        'newer',
        'the saved graph uses format version 2, from a newer Backprop Studio; this one reads up to version 1',
      ),
  },

  'autosave-value-units0.txt': {
    what: 'refused with the schema error and where, kept aside unchanged',
    check: () =>
      autosaveRefused(
        'autosave-value-units0.txt',
        'invalid',
        'units must be a whole number from 1 to 4096, got 0',
      ),
  },

  'valid-embedding-1e6x4096.json': {
    what: '4.1e9 parameters: validate, summary and train refuse it before allocating, naming the node',
    check: async () => {
      const msg =
        /the graph has 4,096,131,378 parameters, over the limit of 50,000,000 \(node n1 alone has 4,096,000,000\)/;
      for (const argv of [['validate'], ['summary'], ['train', '--steps', '1']])
        refused(await cli(argv[0], path('valid-embedding-1e6x4096.json'), ...argv.slice(1)), 1, msg);
    },
  },

  'valid-dense-chain-1.68e9-params.json': {
    what: '1.68e9 parameters: refused at once by the same cap (no 80 s of loading, no data-shape error after it)',
    check: async () => {
      const msg =
        /the graph has 1,678,139,394 parameters, over the limit of 50,000,000 \(node n1 alone has 16,781,312\)/;
      for (const argv of [['validate'], ['summary'], ['train', '--steps', '1']])
        refused(await cli(argv[0], path('valid-dense-chain-1.68e9-params.json'), ...argv.slice(1)), 1, msg);
    },
  },

  'export-id-_modules.json': {
    what: 'node id "_modules" exports under a safe name; the file predicts what our predict does',
    timeout: 900_000,
    check: async () => {
      const d = tmp();
      const graph = join(d, 'g.json');
      copyFileSync(path('export-id-_modules.json'), graph);
      const code = join(d, 'model.py');
      const weights = join(d, 'w.json');
      expect((await cli('export', graph, '--to', 'pytorch', '-o', code)).code).toBe(0);
      const py = readFileSync(code, 'utf8');
      expect(py).not.toMatch(/self\._modules\b/); // the collision that crashed the exported file
      expect(py).toMatch(/self\.n_modules = nn\.Linear\(2, 32\)/);
      if (spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) return; // no torch: code only
      expect((await cli('train', graph, '--epochs', '0', '--save-weights', weights)).code).toBe(0);
      const input = path('export-predict-input.json');
      const ours = await cli('predict', graph, '--weights', weights, '--input', input);
      const run = spawnSync(PYTHON, [code, 'predict', '--weights', weights, '--input', input], {
        encoding: 'utf8',
        timeout: 840_000,
      });
      expect(run.stderr).not.toContain('Traceback');
      expect(run.status).toBe(0);
      const a = JSON.parse(ours.stdout).y.data as number[];
      const b = JSON.parse(run.stdout).y.data as number[];
      expect(b).toHaveLength(a.length);
      for (const [i, v] of b.entries()) expect(v).toBeCloseTo(a[i], 5);
    },
  },

  'export-predict-input.json': {
    what: 'the input batch for the "_modules" export (used by that case)',
    check: () => {
      expect(JSON.parse(text('export-predict-input.json')).x.shape).toEqual([2, 2]);
    },
  },

  'overwrite-target-copy-me.json': {
    what: 'export -o G and train --save-weights G refuse to write over their input, even with --force (exit 2)',
    check: async () => {
      const d = tmp();
      const g = join(d, 'G.json');
      copyFileSync(path('overwrite-target-copy-me.json'), g);
      const before = readFileSync(g, 'utf8');
      const msg =
        /refusing to write .*G\.json: it is this command's input, which would be lost; choose another name/;
      refused(await cli('export', g, '--to', 'pytorch', '-o', g), 2, msg);
      refused(await cli('export', g, '--to', 'pytorch', '-o', g, '--force'), 2, msg);
      refused(await cli('train', g, '--save-weights', g, '--steps', '1'), 2, msg);
      // the same file by another spelling of its path
      refused(
        await cli('train', g, '--save-weights', join(d, '.', 'G.json'), '--force', '--steps', '1'),
        2,
        msg,
      );
      expect(readFileSync(g, 'utf8')).toBe(before);
    },
  },

  'lr1e6-sgd-finishes-with-loss-2.7e6.json': {
    what: 'lr 1e6 ends "diverged" (not "finished"), naming the saturated node and the step',
    check: async () => {
      const r = await cli(
        'train',
        path('lr1e6-sgd-finishes-with-loss-2.7e6.json'),
        '--steps',
        '20',
        '--json',
      );
      expect(r.code).toBe(0);
      const done = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
      expect(done).toMatchObject({ done: true, status: 'diverged', divergence: { nodeId: 'hidden' } });
      expect(done.divergence.message).toMatch(
        /The loss grew from 0\.721 at the start to .* \(more than 1000 times its start\), so training is diverging: node hidden is saturated: .* at step 2\. Lower the learning rate or turn on gradient clipping\./,
      );
    },
  },

  'cli-slow-step-ctrl-c.json': {
    // Ctrl-C within one chunk of a slow step is tested by its owner (engineer "ctrlc", issue 16 item 5);
    // here only the cheap part: the graph is valid and under every cap, so training does start.
    what: 'a valid 16.8 M-parameter graph (its Ctrl-C timing is the CLI Ctrl-C test)',
    check: async () => {
      const r = await cli('validate', path('cli-slow-step-ctrl-c.json'));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/valid graph "big" \(5 nodes, 4 edges, 16,801,794 parameters\)/);
    },
  },
};

describe('hostile inputs (issue 16)', () => {
  test('every file in the folder has a case', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(CASES).sort());
  });

  test.runIf(existsSync(SHARED) && DIR === FIXTURES)('the fixture copy equals ../shared/hostile/', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(readdirSync(SHARED).sort());
    for (const f of readdirSync(SHARED))
      expect(readFileSync(join(FIXTURES, f)).equals(readFileSync(join(SHARED, f))), f).toBe(true);
  });

  for (const [name, c] of Object.entries(CASES)) {
    // The timeouts only catch a hang: each case takes 0.1-4 s on an idle machine, but in a run niced
    // under three busy loops (load about 15 on 2 cores) the train case took over 60 s and the Python one
    // over 180 s (CLI training starts a worker thread; Python imports torch).
    test.runIf(existsSync(path(name)))(`${name}: ${c.what}`, () => c.check(), c.timeout ?? 600_000);
  }
});
