// PositionalEmbedding: finite differences, and the property it exists for: order now matters.
import { describe, expect, it } from 'vitest';
import { PositionalEmbeddingLayer } from '../../../engine/layers/positional-embedding.ts';
import { Rng } from '../../../engine/random.ts';
import { checkLayer, randTensor } from '../gradcheck.ts';
import { expectAllBelow } from './helpers.ts';

describe('PositionalEmbedding', () => {
  it('backward matches finite differences (input and table)', () => {
    const layer = new PositionalEmbeddingLayer('pos', [4, 3], 4, 'float64', new Rng(1));
    expectAllBelow(checkLayer(layer, [randTensor([2, 4, 3], new Rng(2))]), ['input0', 'table']);
  });

  it('adds a different vector at each position, initialized uniform(-0.05, 0.05)', () => {
    const layer = new PositionalEmbeddingLayer('pos', [5, 2], 5, 'float64', new Rng(1));
    const table = Array.from(layer.params[0].value.data);
    expect(layer.params[0].value.shape).toEqual([5, 2]);
    expect(Math.max(...table.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(new Set(table).size).toBe(10);
    const zero = { shape: [1, 5, 2], data: new Float64Array(10) };
    expect(Array.from(layer.forward([zero], { instrument: false }).data)).toEqual(table);
  });

  it('refuses a sequence longer than its table, naming the node', () => {
    const layer = new PositionalEmbeddingLayer('pos', [3, 2], 3, 'float64', new Rng(1));
    expect(() => layer.forward([randTensor([1, 4, 2], new Rng(1))], { instrument: false })).toThrow(
      "PositionalEmbedding 'pos' expects a sequence [batch, 1 to 3 steps, 2], got [1, 4, 2]",
    );
  });
});
