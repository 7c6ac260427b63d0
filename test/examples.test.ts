// Every example graph is a fixture: it validates, its shapes infer, and it names a built-in dataset.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../graph-schema/index.ts';
import { analyzeGraph } from '../engine/shapes/index.ts';

const dir = new URL('../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('examples/', () => {
  it('holds the examples the lessons use', () => {
    for (const f of [
      'mlp-spirals',
      'char-lstm-names',
      'vanishing-rnn-recall',
      'vanishing-lstm-recall',
      'seed-imdb-bilstm',
      'branching-residual',
    ]) {
      expect(files).toContain(`${f}.json`);
    }
  });

  it.each(files)('%s validates and analyzes cleanly', (f) => {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const r = parseGraphText(text);
    expect(r.ok ? [] : r.issues).toEqual([]);
    const a = analyzeGraph(JSON.parse(text));
    expect(a.diagnostics).toEqual([]);
    expect(a.ok).toBe(true);
    expect(a.graph?.training?.dataset.id).toMatch(/^builtin:/);
  });

  it('the vanishing-gradient pair differs only in the recurrent node type', () => {
    const read = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    const rnn = read('vanishing-rnn-recall.json');
    const lstm = read('vanishing-lstm-recall.json');
    const strip = (doc: {
      name: string;
      nodes: Array<{ id: string; type: string; params: Record<string, unknown> }>;
    }) => ({
      ...doc,
      name: '',
      nodes: doc.nodes.map((n) =>
        n.id === 'rec' ? { ...n, type: '', params: { units: n.params.units } } : n,
      ),
    });
    expect(strip(rnn)).toEqual(strip(lstm));
    expect([rnn.nodes[2].type, lstm.nodes[2].type]).toEqual(['RNN', 'LSTM']);
  });

  it('lays nodes out left to right along the data flow', () => {
    for (const f of files) {
      const doc = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      const x = new Map(doc.nodes.map((n: { id: string; position: { x: number } }) => [n.id, n.position.x]));
      for (const e of doc.edges) expect(x.get(e.target)).toBeGreaterThan(x.get(e.source) as number);
    }
  });
});
