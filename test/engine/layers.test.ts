// Finite-difference checks (float64) of every non-recurrent layer's backward, through the same
// registry factories the model uses, plus the behaviours the reference cases do not pin.
import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../graph-schema/schema.ts';
import type { DenseLayer } from '../../engine/layers/dense.ts';
import { createLayer } from '../../engine/layers/registry.ts';
import { Rng } from '../../engine/random.ts';
import { checkLayer, randTensor } from './gradcheck.ts';

const TOL = 1e-7;
const at = { x: 0, y: 0 };

function layerFor(node: Record<string, unknown>, shapes: number[][]) {
  return createLayer({ position: at, params: {}, ...node } as GraphNode, shapes, 'float64', new Rng(3));
}

function expectAllBelow(errors: Record<string, number>, names: string[]) {
  expect(Object.keys(errors).sort()).toEqual([...names].sort());
  for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(TOL);
}

describe('Dense backward (finite differences)', () => {
  for (const activation of ['identity', 'relu', 'sigmoid', 'tanh']) {
    it(`${activation} on [B, F]`, () => {
      const layer = layerFor({ id: 'd', type: 'Dense', params: { units: 4, activation, useBias: true } }, [
        [3],
      ]);
      expectAllBelow(checkLayer(layer, [randTensor([5, 3], new Rng(1))]), ['input0', 'W', 'b']);
    });
    it(`${activation} on a sequence [B, T, F] (per step)`, () => {
      const layer = layerFor({ id: 'd', type: 'Dense', params: { units: 3, activation, useBias: true } }, [
        [4, 2],
      ]);
      expect(layer.outputShape).toEqual([4, 3]);
      expectAllBelow(checkLayer(layer, [randTensor([2, 4, 2], new Rng(2))]), ['input0', 'W', 'b']);
    });
  }

  it('without bias has only W', () => {
    const layer = layerFor(
      { id: 'd', type: 'Dense', params: { units: 2, activation: 'tanh', useBias: false } },
      [[3]],
    );
    expect(layer.params.map((p) => p.name)).toEqual(['W']);
    expectAllBelow(checkLayer(layer, [randTensor([4, 3], new Rng(4))]), ['input0', 'W']);
  });

  it('initializes W glorot-uniform within ±sqrt(6 / (in + units)) and b at zero', () => {
    const layer = layerFor(
      { id: 'd', type: 'Dense', params: { units: 30, activation: 'identity', useBias: true } },
      [[50]],
    );
    const limit = Math.sqrt(6 / 80);
    const w = Array.from(layer.params[0].value.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.9 * limit);
    expect(Array.from(layer.params[1].value.data).every((v) => v === 0)).toBe(true);
  });

  it('reports saturation of sigmoid outputs when instrumented', () => {
    const layer = layerFor(
      { id: 'd', type: 'Dense', params: { units: 1, activation: 'sigmoid', useBias: false } },
      [[1]],
    );
    layer.params[0].value.data[0] = 1;
    const x = { shape: [4, 1], data: new Float64Array([-10, -0.1, 0.2, 8]) };
    layer.forward([x], { instrument: true });
    expect(layer.saturation?.()).toBe(0.5); // -10 and 8 sit on the flat ends
    layer.forward([x], { instrument: false });
    expect(layer.saturation?.()).toBeNull();
  });

  it('names the node and the shapes when the input width is wrong', () => {
    const layer = layerFor({ id: 'hidden', type: 'Dense', params: { units: 2 } }, [[3]]);
    expect(() => layer.forward([randTensor([2, 4], new Rng(1))], { instrument: false })).toThrow(
      "Dense 'hidden' expects 3 features on the last axis but got shape [2, 4]",
    );
  });

  it('backwardFromLogits skips the activation (the fused-loss path)', () => {
    const layer = layerFor({ id: 'd', type: 'Dense', params: { units: 2, activation: 'sigmoid' } }, [
      [2],
    ]) as DenseLayer;
    const x = randTensor([3, 2], new Rng(5));
    layer.forward([x], { instrument: false });
    const dz = randTensor([3, 2], new Rng(6));
    const [dx] = layer.backwardFromLogits(dz);
    // dx = dz · W exactly, with no σ' factor
    const W = layer.params[0].value.data;
    for (let r = 0; r < 3; r++) {
      for (let j = 0; j < 2; j++) {
        const want = dz.data[r * 2] * W[j] + dz.data[r * 2 + 1] * W[2 + j];
        expect(dx!.data[r * 2 + j]).toBeCloseTo(want, 14);
      }
    }
  });
});

describe('Embedding', () => {
  it('backward matches finite differences, and repeated ids accumulate', () => {
    const layer = layerFor({ id: 'e', type: 'Embedding', params: { vocabSize: 6, dim: 3 } }, [[4]]);
    const ids = { shape: [2, 4], data: new Float64Array([1, 1, 5, 0, 1, 2, 2, 5]) };
    expectAllBelow(checkLayer(layer, [ids]), ['table']);
    // row 3 is never looked up: zero gradient; row 1 is hit three times
    const g = layer.params[0].grad.data;
    expect(Array.from(g.slice(9, 12))).toEqual([0, 0, 0]);
  });

  it('initializes uniform(-0.05, 0.05) (Keras default)', () => {
    const layer = layerFor({ id: 'e', type: 'Embedding', params: { vocabSize: 100, dim: 8 } }, [[4]]);
    const t = Array.from(layer.params[0].value.data);
    expect(Math.max(...t.map(Math.abs))).toBeLessThanOrEqual(0.05);
    expect(Math.max(...t.map(Math.abs))).toBeGreaterThan(0.04);
  });

  it('refuses an id outside the vocabulary, naming the node', () => {
    const layer = layerFor({ id: 'emb', type: 'Embedding', params: { vocabSize: 4, dim: 2 } }, [[2]]);
    const ids = { shape: [1, 2], data: new Float64Array([1, 4]) };
    expect(() => layer.forward([ids], { instrument: false })).toThrow(
      "Embedding 'emb': token id 4 (position 1) is not a whole number from 0 to 3",
    );
  });
});

describe('Softmax, Concat, Add (finite differences)', () => {
  it('Softmax standalone backward', () => {
    const layer = layerFor({ id: 's', type: 'Softmax' }, [[3, 5]]);
    expectAllBelow(checkLayer(layer, [randTensor([2, 3, 5], new Rng(8), 3)]), ['input0']);
  });

  it('Softmax rows sum to 1 even for huge logits', () => {
    const layer = layerFor({ id: 's', type: 'Softmax' }, [[3]]);
    const y = layer.forward([{ shape: [1, 3], data: new Float64Array([1000, 999, -1000]) }], {
      instrument: false,
    });
    expect(y.data[0] + y.data[1] + y.data[2]).toBeCloseTo(1, 15);
    expect(y.data[0] / y.data[1]).toBeCloseTo(Math.E, 12);
  });

  it('Concat on the last axis of sequences, three inputs', () => {
    const layer = layerFor({ id: 'c', type: 'Concat' }, [
      [4, 2],
      [4, 3],
      [4, 1],
    ]);
    expect(layer.outputShape).toEqual([4, 6]);
    const rng = new Rng(9);
    const xs = [randTensor([2, 4, 2], rng), randTensor([2, 4, 3], rng), randTensor([2, 4, 1], rng)];
    const y = layer.forward(xs, { instrument: false });
    expect(Array.from(y.data.slice(0, 6))).toEqual([
      ...xs[0].data.slice(0, 2),
      ...xs[1].data.slice(0, 3),
      xs[2].data[0],
    ]);
    expectAllBelow(checkLayer(layer, xs), ['input0', 'input1', 'input2']);
  });

  it('Add of two inputs', () => {
    const layer = layerFor({ id: 'a', type: 'Add' }, [[3], [3]]);
    const rng = new Rng(10);
    expectAllBelow(checkLayer(layer, [randTensor([4, 3], rng), randTensor([4, 3], rng)]), [
      'input0',
      'input1',
    ]);
  });

  it('Add refuses mismatched shapes with both shapes in the message', () => {
    const layer = layerFor({ id: 'res', type: 'Add' }, [[3], [3]]);
    const rng = new Rng(10);
    expect(() =>
      layer.forward([randTensor([4, 3], rng), randTensor([4, 2], rng)], { instrument: false }),
    ).toThrow("Add 'res': input 2 has shape [4, 2] but input 1 has [4, 3]");
  });
});
