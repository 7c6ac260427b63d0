// Parameter counts against Keras. Literal numbers are what Keras's model.summary() prints for the
// same layers (worked by hand from Keras's weight shapes); the property tests check the formulas
// on random sizes: SimpleRNN u(f+u+1), LSTM 4u(f+u+1), GRU (reset_after) 3u(f+u+2), x2 bidirectional.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shapes/index.ts';
import { chain, node } from '../graph-schema/build.ts';

/** Params of `layer` fed a sequence [t, f] of floats. */
function countOn(f: number, layer: Record<string, unknown>, t = 5): number {
  const a = analyzeGraph(chain(node('in', 'Input', { shape: [t, f] }), layer));
  expect(a.diagnostics).toEqual([]);
  return a.nodes[layer.id as string].params;
}

describe('Keras parameter counts, known values', () => {
  it('matches the seed IMDb model: 2,560,000 / 98,816 / 98,816 / 129 = 2,757,761', () => {
    const a = analyzeGraph(
      chain(
        node('in', 'Input', { shape: [200], dtype: 'int32' }),
        node('emb', 'Embedding', { vocabSize: 20000, dim: 128 }),
        node('lstm1', 'LSTM', { units: 64, returnSequences: true, bidirectional: true }),
        node('lstm2', 'LSTM', { units: 64, bidirectional: true }),
        node('out', 'Dense', { units: 1, activation: 'sigmoid' }),
      ),
    );
    expect(a.order.map((id) => a.nodes[id].params)).toEqual([0, 2_560_000, 98_816, 98_816, 129]);
    expect(a.totalParams).toBe(2_757_761);
  });

  it('matches the lecture MLP: M(p+1) + K(M+1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 2, max: 20 }),
        (p, m, k) => {
          const a = analyzeGraph(
            chain(
              node('in', 'Input', { shape: [p] }),
              node('hidden', 'Dense', { units: m, activation: 'sigmoid' }),
              node('out', 'Dense', { units: k }),
              node('probs', 'Softmax'),
            ),
          );
          expect(a.totalParams).toBe(m * (p + 1) + k * (m + 1));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives Keras values for single layers', () => {
    expect(countOn(16, node('r', 'RNN', { units: 32 }))).toBe(1568); // SimpleRNN(32) on 16 features
    expect(countOn(128, node('l', 'LSTM', { units: 64 }))).toBe(49_408); // LSTM(64) on 128
    expect(countOn(128, node('g', 'GRU', { units: 64 }))).toBe(37_248); // GRU(64), reset_after=True
    expect(countOn(128, node('g', 'GRU', { units: 64, bidirectional: true }))).toBe(74_496);
    expect(countOn(10, node('d', 'Dense', { units: 4 }))).toBe(44); // on the last axis of [5, 10]
    expect(countOn(10, node('d', 'Dense', { units: 4, useBias: false }))).toBe(40);
  });

  it('counts the three LSTM variants', () => {
    // peephole adds three diagonal vectors p_i, p_f, p_o of size u; the prototype cell has 4 blocks too
    expect(countOn(8, node('l', 'LSTM', { units: 10, variant: 'standard' }))).toBe(4 * 10 * 19);
    expect(countOn(8, node('l', 'LSTM', { units: 10, variant: 'peephole' }))).toBe(4 * 10 * 19 + 30);
    expect(countOn(8, node('l', 'LSTM', { units: 10, variant: 'prototype' }))).toBe(4 * 10 * 19);
    expect(countOn(8, node('l', 'LSTM', { units: 10, variant: 'peephole', bidirectional: true }))).toBe(
      2 * (760 + 30),
    );
  });

  it('counts Embedding as vocabSize x dim', () => {
    const a = analyzeGraph(
      chain(
        node('in', 'Input', { shape: [7], dtype: 'int32' }),
        node('emb', 'Embedding', { vocabSize: 1000, dim: 3 }),
      ),
    );
    expect(a.nodes.emb.params).toBe(3000);
  });
});

describe('Keras parameter formulas on random sizes, uni- and bidirectional', () => {
  const sizes = fc.record({
    f: fc.integer({ min: 1, max: 512 }),
    u: fc.integer({ min: 1, max: 512 }),
    bi: fc.boolean(),
  });
  const cases: Array<[string, Record<string, unknown>, (f: number, u: number) => number]> = [
    ['RNN', {}, (f, u) => u * (f + u + 1)],
    ['LSTM', { variant: 'standard' }, (f, u) => 4 * u * (f + u + 1)],
    ['LSTM', { variant: 'peephole' }, (f, u) => 4 * u * (f + u + 1) + 3 * u],
    ['LSTM', { variant: 'prototype' }, (f, u) => 4 * u * (f + u + 1)],
    ['GRU', {}, (f, u) => 3 * u * (f + u + 2)],
  ];
  it.each(cases)('%s %o', (type, extra, formula) => {
    fc.assert(
      fc.property(sizes, ({ f, u, bi }) => {
        const n = countOn(f, node('r', type, { units: u, bidirectional: bi, ...extra }));
        expect(n).toBe(formula(f, u) * (bi ? 2 : 1));
      }),
      { numRuns: 30 },
    );
  });
});
