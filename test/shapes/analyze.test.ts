import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shapes/index.ts';
import { chain, graph, node } from '../graph-schema/build.ts';

const ids = node('in', 'Input', { shape: [30], dtype: 'int32' });
const floats = (shape: number[]) => node('in', 'Input', { shape });
const emb = node('emb', 'Embedding', { vocabSize: 50, dim: 8 });
const errorsOf = (doc: unknown) => analyzeGraph(doc).diagnostics.map((d) => d.message);

describe('shape inference', () => {
  it('follows a token model through Embedding, a recurrent stack and Dense', () => {
    const a = analyzeGraph(
      chain(
        ids,
        emb,
        node('gru', 'GRU', { units: 12, returnSequences: true, bidirectional: true }),
        node('rnn', 'RNN', { units: 5, returnSequences: true }),
        node('d', 'Dense', { units: 50 }),
        node('sm', 'Softmax'),
      ),
    );
    expect(a.ok).toBe(true);
    expect(a.order).toEqual(['in', 'emb', 'gru', 'rnn', 'd', 'sm']);
    expect(a.order.map((id) => a.nodes[id].outputShape)).toEqual([
      [30],
      [30, 8],
      [30, 24],
      [30, 5],
      [30, 50],
      [30, 50],
    ]);
    expect(a.order.map((id) => a.nodes[id].dtype)).toEqual([
      'int32',
      'float32',
      'float32',
      'float32',
      'float32',
      'float32',
    ]);
  });

  it('concatenates on the last axis and adds equal shapes', () => {
    const doc = graph(
      [
        floats([6, 4]),
        node('a', 'Dense', { units: 3 }),
        node('b', 'LSTM', { units: 2, returnSequences: true }),
        node('cat', 'Concat'),
        node('res', 'Add'),
      ],
      [
        ['in', 'a'],
        ['in', 'b'],
        ['a', 'cat'],
        ['b', 'cat'],
        ['in', 'cat'],
        ['cat', 'res'],
        ['cat', 'res'],
      ],
    );
    // the duplicate cat -> res edge is refused, so Add sees one input: check the Concat only
    const a = analyzeGraph(doc);
    expect(a.nodes.cat.outputShape).toEqual([6, 9]);
    const ok = graph(
      [floats([4]), node('a', 'Dense', { units: 4 }), node('res', 'Add')],
      [
        ['in', 'a'],
        ['in', 'res'],
        ['a', 'res'],
      ],
    );
    const b = analyzeGraph(ok);
    expect(b.ok).toBe(true);
    expect(b.nodes.res.outputShape).toEqual([4]);
  });

  it('keeps inferring the rest of the graph when one node has bad params', () => {
    const a = analyzeGraph(
      chain(floats([3]), node('bad', 'Dense', { units: 0 }), node('after', 'Dense', { units: 2 })),
    );
    expect(a.ok).toBe(false);
    expect(a.graph).toBe(null);
    expect(a.nodes.in.outputShape).toEqual([3]);
    expect(a.nodes.bad.outputShape).toBe(null);
    expect(a.nodes.bad.errors).toEqual(['node bad: units must be a whole number from 1 to 4096, got 0']);
    expect(a.nodes.after).toMatchObject({ outputShape: null, errors: [] }); // unknown, not blamed
  });
});

describe('semantic errors, tied to the node', () => {
  it('Embedding fed floats, Dense fed raw ids, recurrent node fed a non-sequence', () => {
    expect(
      errorsOf(chain(floats([30]), node('emb', 'Embedding', { vocabSize: 9, dim: 2 }))),
    ).toMatchInlineSnapshot(`
      [
        "node emb (Embedding) needs int32 token ids, but in gives float32 values: set the Input's dtype to "int32" (or remove the Embedding)",
      ]
    `);
    expect(errorsOf(chain(ids, node('d', 'Dense', { units: 4 })))).toMatchInlineSnapshot(`
      [
        "node d (Dense) is fed raw token ids (int32) from in: add an Embedding first to turn ids into vectors",
      ]
    `);
    expect(errorsOf(chain(floats([8]), node('lstm', 'LSTM', { units: 4 })))).toMatchInlineSnapshot(`
      [
        "node lstm (LSTM) needs a sequence [T, features] (one vector per time step), but in gives [8]: feed it from an Embedding or from a recurrent layer with returnSequences: true",
      ]
    `);
    expect(
      errorsOf(chain(ids, emb, node('r1', 'RNN', { units: 4 }), node('r2', 'RNN', { units: 4 }))),
    ).toMatchInlineSnapshot(`
      [
        "node r2 (RNN) needs a sequence [T, features] (one vector per time step), but r1 gives [4]: feed it from an Embedding or from a recurrent layer with returnSequences: true",
      ]
    `);
  });

  it('Softmax on a single unit', () => {
    expect(
      errorsOf(chain(floats([3]), node('d', 'Dense', { units: 1 }), node('sm', 'Softmax'))),
    ).toMatchInlineSnapshot(`
      [
        "node sm (Softmax) is applied to a single unit from d, so it always outputs 1: use Dense(1, sigmoid) for two classes, or give d 2 or more units",
      ]
    `);
  });

  it('Add of unequal shapes and Concat of sequences with different lengths or ranks', () => {
    const add = graph(
      [floats([4]), node('a', 'Dense', { units: 3 }), node('res', 'Add')],
      [
        ['in', 'a'],
        ['in', 'res'],
        ['a', 'res'],
      ],
    );
    expect(errorsOf(add)).toMatchInlineSnapshot(`
      [
        "node res (Add) adds inputs of different shapes: [4] from in and [3] from a; Add needs equal shapes (use Concat to join different widths)",
      ]
    `);
    const mixed = graph(
      [
        floats([6, 4]),
        node('seq', 'LSTM', { units: 2, returnSequences: true }),
        node('vec', 'LSTM', { units: 2 }),
        node('cat', 'Concat'),
      ],
      [
        ['in', 'seq'],
        ['in', 'vec'],
        ['seq', 'cat'],
        ['vec', 'cat'],
      ],
    );
    expect(errorsOf(mixed)).toMatchInlineSnapshot(`
      [
        "node cat (Concat) joins inputs of different ranks: [6, 2] from seq and [2] from vec: join sequences with sequences, vectors with vectors",
      ]
    `);
    const lengths = graph(
      [ids, emb, node('short', 'Dense', { units: 2 }), node('cat', 'Concat')],
      [
        ['in', 'emb'],
        ['emb', 'short'],
        ['emb', 'cat'],
        ['short', 'cat'],
      ],
    );
    expect(analyzeGraph(lengths).ok).toBe(true); // same length 30: fine
  });

  it('wrong number of inputs', () => {
    const two = graph(
      [
        floats([4]),
        node('a', 'Dense', { units: 2 }),
        node('b', 'Dense', { units: 2 }),
        node('d', 'Dense', { units: 1 }),
      ],
      [
        ['in', 'a'],
        ['in', 'b'],
        ['a', 'd'],
        ['b', 'd'],
      ],
    );
    expect(errorsOf(two)).toMatchInlineSnapshot(`
      [
        "node d (Dense) takes exactly one input, but 2 lead into it (from a, b): merge them first with a Concat or an Add",
      ]
    `);
    expect(errorsOf(chain(floats([4]), node('cat', 'Concat')))).toMatchInlineSnapshot(`
      [
        "node cat (Concat) joins two or more inputs, but only in leads into it: connect another input, or delete the Concat",
      ]
    `);
  });

  it('Embedding needs a rank-1 Input of ids', () => {
    expect(
      errorsOf(chain(node('in', 'Input', { shape: [5, 2], dtype: 'int32' }), emb)),
    ).toMatchInlineSnapshot(`
      [
        "node emb (Embedding) needs a sequence of token ids [T], but in gives [5, 2]: give the Input one dimension, the sequence length",
      ]
    `);
  });

  it('an Input alone is not a model', () => {
    expect(errorsOf(graph([floats([2])], []))).toEqual([
      'the graph has only an Input: add at least one layer after it',
    ]);
  });

  it('puts each message on its node', () => {
    const a = analyzeGraph(chain(ids, node('d', 'Dense', { units: 4 })));
    expect(a.nodes.d.errors).toHaveLength(1);
    expect(a.nodes.in.errors).toEqual([]);
    expect(a.diagnostics[0]).toMatchObject({ nodeId: 'd', path: 'nodes[1]' });
  });
});

describe('analyzeGraph on documents that are not graphs', () => {
  it('still infers nodes when there are more problems than are listed', () => {
    const bad = Array.from({ length: 120 }, (_, i) => node(`bad${i}`, 'Dense', { units: 0 }));
    const a = analyzeGraph(graph([floats([3]), node('d', 'Dense', { units: 2 }), ...bad], [['in', 'd']]));
    expect(a.diagnostics.at(-1)?.message).toMatch(/more problem/);
    expect(a.nodes.d.outputShape).toEqual([2]);
  });

  it('never throws and returns no nodes', () => {
    for (const doc of [null, 'text', 42, [], {}, { format: 'backprop-studio.graph', version: 9 }]) {
      const a = analyzeGraph(doc);
      expect(a.ok).toBe(false);
      expect(a.nodes).toEqual({});
      expect(a.diagnostics.length).toBeGreaterThan(0);
    }
  });
});
