import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, cli, hasStackTrace } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bps-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file in the temp dir and returns its path. */
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const seed = 'examples/seed-imdb-bilstm.json';
/** the lecture's full-size IMDb model (the seed example is the same network sized to its spam data) */
const lecture = 'test/fixtures/lecture-imdb.json';
const badGraph = JSON.stringify({
  format: 'backprop-studio.graph',
  version: 1,
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [10], dtype: 'int32' } },
    { id: 'lstm1', type: 'LSTM', params: { units: 0 } },
    { id: 'd', type: 'Dense', params: { units: 2 } },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'lstm1' },
    { id: 'e2', source: 'lstm1', target: 'd' },
    { id: 'e7', source: 'd', target: 'd' },
  ],
});

describe('the stack-trace detector used below', () => {
  it('recognises a real Node stack trace and not our messages', () => {
    expect(hasStackTrace(String(new Error('boom').stack))).toBe(true);
    expect(
      hasStackTrace(
        'bad.json is not a valid graph (1 problem):\n  - node d: units must be ...  (at nodes[1])',
      ),
    ).toBe(false);
  });
});

describe('the real executable', () => {
  it("summary of the lecture's model prints the Keras table with 2,757,761", () => {
    const r = bin('summary', lecture);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Total params: 2,757,761');
    expect(r.stdout).toMatch(/emb \(Embedding\)\s+\(None, 200, 128\)\s+2,560,000/);
  });

  it('validate: exit 1 naming the node and the edge, no stack trace', () => {
    const r = bin('validate', file('bad.json', badGraph));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('node lstm1: units must be a whole number from 1 to 4096, got 0');
    expect(r.stdout).toContain('edge e7 connects d to itself: a graph cannot loop back');
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it('refuses a 50 MB file without a stack trace', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"name": "${'x'.repeat(50 * 1024 * 1024)}"}`);
    const r = bin('validate', big);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('over the 5 MB limit');
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it('--help lists the commands; an unknown command exits 2 with a suggestion', () => {
    const help = bin('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/validate\s+check a graph file/);
    const typo = bin('sumary', seed);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "summary"?');
  });
});

describe('validate', () => {
  it('exit 0 on every example', async () => {
    const r = await cli('validate', seed);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      `${seed}: valid graph "Spam classifier: the lecture's BiLSTM" (5 nodes, 4 edges, 1,136,641 parameters)`,
    );
  });

  it('--json lists every issue with its node or edge id', async () => {
    const r = await cli('validate', '--json', file('bad2.json', badGraph));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: false,
      issues: [
        {
          path: 'nodes[1].params.units',
          nodeId: 'lstm1',
          message: 'node lstm1: units must be a whole number from 1 to 4096, got 0',
        },
        { path: 'edges[2]', edgeId: 'e7', message: 'edge e7 connects d to itself: a graph cannot loop back' },
      ],
    });
    const ok = await cli('validate', seed, '--json');
    expect(JSON.parse(ok.stdout)).toEqual({ valid: true, issues: [] });
  });

  it('semantic problems are invalid too (exit 1)', async () => {
    const doc = JSON.parse(badGraph);
    doc.nodes[1].params.units = 4;
    doc.edges.pop();
    const r = await cli('validate', file('semantic.json', JSON.stringify(doc)));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'node lstm1 (LSTM) is fed raw token ids (int32) from in: add an Embedding first',
    );
  });

  it.each([
    ['not JSON', 'hello', 'not valid JSON at line 1, column 1'],
    ['an empty file', '', 'the document is empty'],
    ['JSON that is not a graph', '[1, 2, 3]', 'a graph must be a JSON object'],
    [
      'wrong types',
      '{"format": "backprop-studio.graph", "version": 1, "nodes": "many", "edges": {}}',
      'nodes must be a list [...], got "many"',
    ],
    [
      'a newer version',
      '{"format": "backprop-studio.graph", "version": 99}',
      'saved by a newer Backprop Studio',
    ],
  ])('garbage: %s gives exit 1 and a sentence', async (_what, content, expected) => {
    const r = await cli('validate', file('garbage.json', content));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(expected);
    expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  });

  it('a missing file or a directory: exit 2 with a reason', async () => {
    const missing = await cli('validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
    const sub = join(dir, 'folder');
    mkdirSync(sub, { recursive: true });
    const folder = await cli('validate', sub);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('it is a directory, not a graph file');
  });

  it('usage errors: exit 2', async () => {
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('validate', 'a.json', 'b.json')).code).toBe(2);
    const typo = await cli('validate', '--jsn', seed);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown option --jsn for validate; did you mean --json?');
  });
});

describe('summary', () => {
  it('--json follows the contract', async () => {
    const r = await cli('summary', lecture, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      nodes: [
        { id: 'in', type: 'Input', outputShape: [200], params: 0 },
        { id: 'emb', type: 'Embedding', outputShape: [200, 128], params: 2_560_000 },
        { id: 'lstm1', type: 'LSTM', outputShape: [200, 128], params: 98_816 },
        { id: 'lstm2', type: 'LSTM', outputShape: [128], params: 98_816 },
        { id: 'out', type: 'Dense', outputShape: [1], params: 129 },
      ],
      totalParams: 2_757_761,
    });
  });

  it('an invalid graph: exit 1 with the problems', async () => {
    const r = await cli('summary', file('bad3.json', badGraph));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('node lstm1: units must be');
    const j = await cli('summary', '--json', file('bad4.json', badGraph));
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).issues).toHaveLength(2);
  });
});

describe('help and dispatch', () => {
  it('help <cmd> prints its usage; no command prints the overview (exit 2)', async () => {
    const h = await cli('help', 'summary');
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^usage: backprop-studio summary FILE \[--json\]/);
    expect((await cli('validate', '--help')).stdout).toMatch(/^usage: backprop-studio validate/);
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: backprop-studio <command>');
  });

  it('a command that throws becomes "internal error" with exit 3', async () => {
    const { runCli } = await import('../../cli/run.ts');
    const err: string[] = [];
    const boom = {
      name: 'boom',
      summary: '',
      usage: '',
      run: async () => Promise.reject(new Error('kaput')),
    };
    const code = await runCli(['boom'], { out: () => {}, err: (l) => err.push(l) }, [boom]);
    expect(code).toBe(3);
    expect(err).toEqual(['internal error: kaput']);
  });
});
