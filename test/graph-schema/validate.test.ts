import { describe, expect, it } from 'vitest';
import { parseGraphText, validateGraph, type GraphIssue } from '../../graph-schema/index.ts';
import { chain, graph, node } from './build.ts';

const messages = (doc: unknown): string[] => {
  const r = validateGraph(doc);
  return r.ok ? [] : r.issues.map((i) => i.message);
};
const issues = (doc: unknown): GraphIssue[] => {
  const r = validateGraph(doc);
  return r.ok ? [] : r.issues;
};

const input = node('in', 'Input', { shape: [4] });
const dense = (id: string, units: unknown = 3) => node(id, 'Dense', { units });

describe('validateGraph: a valid graph', () => {
  it('accepts a small chain and fills defaults', () => {
    const r = validateGraph(chain(input, dense('d')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.graph.nodes[1];
    expect(d.type === 'Dense' && d.params.activation).toBe('identity');
    expect(d.type === 'Dense' && d.params.useBias).toBe(true);
    expect(r.graph.nodes[0].type === 'Input' && r.graph.nodes[0].params.dtype).toBe('float32');
  });

  it('keeps unknown keys at every level', () => {
    const doc = chain({ ...input, color: 'red' }, dense('d'));
    (doc as Record<string, unknown>).author = 'Ada';
    const r = validateGraph(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.graph as Record<string, unknown>).author).toBe('Ada');
    expect((r.graph.nodes[0] as Record<string, unknown>).color).toBe('red');
  });

  it('does not change the document it is given', () => {
    const doc = chain(input, dense('d'));
    const before = JSON.stringify(doc);
    validateGraph(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('validateGraph: params, in words a student understands', () => {
  it('names the node, the field, the rule and the value', () => {
    expect(messages(chain(input, node('lstm1', 'LSTM', { units: 0 })))).toMatchInlineSnapshot(`
      [
        "node lstm1: units must be a whole number from 1 to 4096, got 0",
      ]
    `);
  });

  it('reports wrong types, unknown enums, missing fields and unknown node types', () => {
    const doc = graph(
      [
        input,
        node('a', 'Dense', { units: '3', activation: 'softplus' }),
        node('b', 'Conv2D', {}),
        node('c', 'RNN', {}),
      ],
      [
        ['in', 'a'],
        ['a', 'b'],
        ['b', 'c'],
      ],
    );
    expect(messages(doc)).toMatchInlineSnapshot(`
      [
        "node a: units must be a whole number from 1 to 4096, got "3"",
        "node a: activation must be one of "identity", "relu", "sigmoid", "tanh", got "softplus"",
        "node b: type "Conv2D" is not known: it must be one of "Input", "Embedding", "Dense", "RNN", "LSTM", "GRU", "Softmax", "Concat", "Add", "Dropout", "LayerNorm", "SelfAttention", "PositionalEmbedding"",
        "node c: units is missing: it must be a whole number from 1 to 4096",
      ]
    `);
  });

  it('ties each issue to its JSON path and node id', () => {
    const [issue] = issues(chain(input, dense('d', 5000)));
    expect(issue).toEqual({
      path: 'nodes[1].params.units',
      nodeId: 'd',
      message: 'node d: units must be a whole number from 1 to 4096, got 5000',
    });
  });

  it('explains bad ids and training settings', () => {
    const doc = {
      ...chain(input, dense('9lives')),
      training: { dataset: { id: 'builtin:xor' }, optimizer: { type: 'adamw' }, batchSize: 'half' },
    };
    expect(messages(doc)).toMatchInlineSnapshot(`
      [
        "node 9lives: id must be 1 to 64 characters: a letter or _ first, then letters, digits, _ or -, got "9lives"",
        "edge e1: target must be 1 to 64 characters: a letter or _ first, then letters, digits, _ or -, got "9lives"",
        "training.optimizer.type "adamw" is not known: it must be one of "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"",
        "training.batchSize must be a whole number from 1 to 100000, or "full", got "half"",
      ]
    `);
  });
});

describe('validateGraph: structural rules', () => {
  it('refuses a self-loop, naming the edge and the node', () => {
    const doc = graph(
      [input, dense('lstm2')],
      [
        ['in', 'lstm2'],
        ['lstm2', 'lstm2'],
      ],
    );
    expect(issues(doc)).toEqual([
      {
        path: 'edges[1]',
        edgeId: 'e2',
        message: 'edge e2 connects lstm2 to itself: a graph cannot loop back',
      },
    ]);
  });

  it('names the nodes of a cycle in order', () => {
    const doc = graph(
      [input, dense('a'), dense('b'), dense('c'), dense('out')],
      [
        ['in', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'out'],
      ],
    );
    expect(messages(doc)).toMatchInlineSnapshot(`
      [
        "nodes a -> b -> c -> a form a loop (edges e2, e3, e4): a graph cannot loop back; remove one of these edges",
      ]
    `);
  });

  it('reports each separate loop, even one downstream of another', () => {
    const doc = graph(
      [input, dense('a'), dense('b'), dense('c'), dense('d'), dense('out')],
      [
        ['in', 'a'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'c'],
        ['d', 'out'],
        ['a', 'c'],
      ],
    );
    expect(messages(doc)).toMatchInlineSnapshot(`
      [
        "nodes a -> b -> a form a loop (edges e2, e3): a graph cannot loop back; remove one of these edges",
        "nodes c -> d -> c form a loop (edges e5, e6): a graph cannot loop back; remove one of these edges",
      ]
    `);
  });

  it('refuses duplicate ids and edges to missing nodes', () => {
    const doc = graph(
      [input, dense('d'), dense('d')],
      [
        ['in', 'd'],
        ['d', 'ghost'],
        ['in', 'd'],
      ],
    );
    (doc.edges as Array<{ id: string }>)[2].id = 'e1';
    expect(messages(doc)).toMatchInlineSnapshot(`
      [
        "node id "d" is used twice (nodes[1] and nodes[2]): every node needs its own id",
        "edge e2 ends at "ghost", but there is no node with that id",
        "edge id "e1" is used twice (edges[0] and edges[2]): every edge needs its own id",
        "edge e1 repeats the connection in -> d of edge e1: connect two nodes once",
      ]
    `);
  });

  it('needs exactly one Input', () => {
    expect(messages(graph([dense('a')], []))).toMatchInlineSnapshot(`
      [
        "the graph has no Input node: add one where the data comes in",
      ]
    `);
    const two = graph(
      [input, node('in2', 'Input', { shape: [2] }), node('sum', 'Concat')],
      [
        ['in', 'sum'],
        ['in2', 'sum'],
      ],
    );
    expect(messages(two)).toMatchInlineSnapshot(`
      [
        "node in2 is a second Input (the first is in): a version-1 graph has exactly one Input",
      ]
    `);
  });

  it('needs exactly one output and every node reachable from the Input', () => {
    const doc = graph(
      [input, dense('a'), dense('b'), dense('lonely')],
      [
        ['in', 'a'],
        ['in', 'b'],
      ],
    );
    expect(issues(doc).map((i) => `${i.nodeId}: ${i.message}`)).toMatchInlineSnapshot(`
      [
        "a: node a has nothing after it, and neither does b, lonely: a version-1 graph has exactly one output (a node nothing consumes); connect a onward or delete it",
        "b: node b has nothing after it, and neither does a, lonely: a version-1 graph has exactly one output (a node nothing consumes); connect b onward or delete it",
        "lonely: node lonely has nothing after it, and neither does a, b: a version-1 graph has exactly one output (a node nothing consumes); connect lonely onward or delete it",
        "lonely: node lonely cannot be reached from the Input in: connect it downstream of in, or delete it",
      ]
    `);
  });

  it('reports schema and structural problems together', () => {
    const doc = graph(
      [input, dense('a', -1)],
      [
        ['in', 'a'],
        ['a', 'a'],
      ],
    );
    expect(messages(doc)).toHaveLength(2);
    const r = validateGraph(doc);
    expect(r.ok === false && r.graph).toBe(null);
  });

  it('returns the typed graph when only the wiring is wrong', () => {
    const r = validateGraph(
      graph(
        [input, dense('a')],
        [
          ['in', 'a'],
          ['a', 'a'],
        ],
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.graph?.nodes.map((n) => n.id)).toEqual(['in', 'a']);
  });
});

describe('validateGraph: dangerous keys and hostile documents', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere', (key) => {
    const text = JSON.stringify(chain(input, dense('d'))).replace(
      '"units":3',
      `"units":3,"${key}":{"polluted":true}`,
    );
    const r = parseGraphText(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([`nodes[1].params.${key}`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('pins the dangerous-key message', () => {
    const r = parseGraphText('{"__proto__": {"x": 1}}');
    expect(r.ok ? '' : r.issues[0].message).toMatchInlineSnapshot(
      `"__proto__: the key "__proto__" is not allowed anywhere in a graph (it can be used to attack programs that read the file)"`,
    );
  });

  it('caps the number of issues for a huge broken document', () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => dense(`d${i}`, 0));
    const r = validateGraph(graph([input, ...nodes], []));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.length).toBe(101);
    expect(r.issues[100].message).toMatch(/more problem/);
  });

  it('never throws on values that are not graphs', () => {
    for (const v of [null, undefined, 0, 'x', [], [1], { nodes: 5 }, Symbol.iterator, () => 1, 10n]) {
      const r = validateGraph(v);
      expect(r.ok).toBe(false);
    }
  });
});
