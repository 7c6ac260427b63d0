// fast-check generators of valid version-1 graphs, with every default written out so that a
// parsed graph can be compared with the document it came from.
import fc from 'fast-check';

type Doc = Record<string, unknown>;

const units = fc.integer({ min: 1, max: 4096 });
const flag = fc.boolean();
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (x === 0 ? 0 : x)); // JSON has no -0
const recurrent = { units, returnSequences: flag, bidirectional: flag };

/** Complete params for each non-Input type. */
const layer: fc.Arbitrary<{ type: string; params: Doc }> = fc.oneof(
  fc.record({
    type: fc.constant('Embedding'),
    params: fc.record({ vocabSize: fc.integer({ min: 1, max: 1_000_000 }), dim: units }),
  }),
  fc.record({
    type: fc.constant('Dense'),
    params: fc.record({
      units,
      activation: fc.constantFrom('identity', 'relu', 'sigmoid', 'tanh'),
      useBias: flag,
    }),
  }),
  fc.record({
    type: fc.constant('RNN'),
    params: fc.record({ ...recurrent, activation: fc.constantFrom('tanh', 'relu', 'sigmoid') }),
  }),
  fc.record({
    type: fc.constant('LSTM'),
    params: fc.record({
      ...recurrent,
      variant: fc.constantFrom('standard', 'peephole', 'prototype'),
      forgetBias: fc.integer({ min: -100, max: 100 }),
    }),
  }),
  fc.record({ type: fc.constant('GRU'), params: fc.record(recurrent) }),
  fc.record({ type: fc.constantFrom('Softmax', 'Concat', 'Add'), params: fc.constant({}) }),
);

const inputParams = fc.record({
  shape: fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 3 }),
  dtype: fc.constantFrom('float32', 'int32'),
});

const training = fc.record({
  dataset: fc.record({
    id: fc.constantFrom('builtin:spirals', 'builtin:recall'),
    options: fc.dictionary(fc.constantFrom('n', 'noise'), fc.integer()),
  }),
  loss: fc.constantFrom('auto', 'categorical_crossentropy', 'binary_crossentropy', 'mse'),
  optimizer: fc.oneof(
    fc.record({ type: fc.constant('sgd'), lr: fc.double({ min: 1e-6, max: 10, noNaN: true }) }),
    fc.record({
      type: fc.constant('adam'),
      lr: fc.constant(0.001),
      beta1: fc.constant(0.9),
      beta2: fc.constant(0.999),
      eps: fc.constant(1e-8),
    }),
  ),
  batchSize: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant('full')),
  epochs: fc.integer({ min: 0, max: 100_000 }),
  clip: fc.oneof(
    fc.constant(null),
    fc.record({
      type: fc.constantFrom('norm', 'value'),
      max: fc.double({ min: 0.01, max: 100, noNaN: true }),
    }),
  ),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  validationSplit: fc.double({ min: 0, max: 0.9, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
});

/**
 * A structurally valid graph: node 0 is the Input, every other node takes at least one earlier
 * node as input, and every node but the last feeds a later one (so the last is the only output).
 */
export const validGraph: fc.Arbitrary<Doc> = fc
  .record({
    ids: fc.uniqueArray(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/), { minLength: 2, maxLength: 9 }),
    layers: fc.array(layer, { minLength: 8, maxLength: 8 }),
    input: inputParams,
    parents: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: 8, maxLength: 8 }),
    positions: fc.array(fc.record({ x: finite, y: finite }), { minLength: 9, maxLength: 9 }),
    name: fc.string({ maxLength: 30 }),
    note: fc.option(fc.string(), { nil: undefined }),
    training: fc.option(training, { nil: undefined }),
  })
  .map(({ ids, layers, input, parents, positions, name, note, training }) => {
    const nodes: Doc[] = ids.map((id, i) => ({
      id,
      type: i === 0 ? 'Input' : layers[i - 1].type,
      position: positions[i],
      params: i === 0 ? input : layers[i - 1].params,
    }));
    const pairs = new Set<string>();
    const edges: Doc[] = [];
    const connect = (s: number, t: number) => {
      const key = `${s}>${t}`;
      if (s === t || pairs.has(key)) return;
      pairs.add(key);
      edges.push({ id: `e${edges.length + 1}`, source: ids[s], target: ids[t] });
    };
    for (let t = 1; t < ids.length; t++) for (const p of parents[t - 1]) connect(p % t, t);
    const last = ids.length - 1;
    for (let s = 0; s < last; s++) if (!edges.some((e) => e.source === ids[s])) connect(s, last);
    const doc: Doc = { format: 'backprop-studio.graph', version: 1, name, nodes, edges };
    if (training !== undefined) doc.training = training;
    if (note !== undefined) doc.note = note; // an unknown key, kept
    // a fresh copy: tests corrupt it in place, and fast-check reuses generated values when shrinking
    return structuredClone(doc);
  });

/** Every JSON path inside `value` (as key lists), the root excluded. */
export function allPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...allPaths(v, [...prefix, k])]);
}

/** The object holding the last key of `path`, for editing in place. */
export function parentOf(doc: unknown, path: Array<string | number>): Record<string | number, unknown> {
  let cur = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  return cur;
}
