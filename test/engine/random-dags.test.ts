// Property: for random branching graphs of Dense, Add and Concat (nodes feeding several others,
// merges of every kind), every parameter gradient of compileModel's backward matches finite
// differences. This is the gradient-accumulation rule tested on shapes nobody wrote by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model.ts';
import { Rng } from '../../engine/random.ts';
import { randTensor, worstFdError } from './gradcheck.ts';
import { randomDag } from './random-dag.ts';

describe('random branching graphs', () => {
  it('every param gradient matches finite differences (CE and MSE heads)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (seed, size, ce) => {
          const model = compileModel(randomDag(seed, size, ce ? 'softmax' : 'mse'), {
            dtype: 'float64',
            seed,
          });
          const x = randTensor([4, 3], new Rng(seed + 1), 2);
          const y = ce
            ? { shape: [4], data: new Float64Array([0, 1, 2, 1]) }
            : randTensor([4, 3], new Rng(seed + 2));
          // random biases too: with zero biases a dead ReLU upstream puts a ReLU exactly on its
          // kink, where finite differences see slope 1/2 and the (PyTorch) derivative is 0
          const prng = new Rng(seed + 3);
          for (const p of model.params) {
            for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = prng.uniform(-1, 1);
          }
          const off = { instrument: false };
          model.lossAndGrads(x, y, off);
          const grads = model.params.map((p) => Float64Array.from(p.grad.data));
          const loss = () => model.lossAndGrads(x, y, off).loss;
          for (let i = 0; i < grads.length; i++) {
            const p = model.params[i];
            expect(worstFdError(p.value.data, grads[i], loss), `${p.nodeId}.${p.name}`).toBeLessThan(1e-6);
          }
        },
      ),
      { numRuns: 25, seed: 20261127 },
    );
  });

  it('the generator does produce Add and Concat merges and nodes with several consumers', () => {
    const types = new Set<string>();
    let fanOut = 0;
    for (let seed = 0; seed < 40; seed++) {
      const g = randomDag(seed, 6, 'mse');
      for (const n of g.nodes) types.add(n.type);
      const consumers = new Map<string, number>();
      for (const e of g.edges) consumers.set(e.source, (consumers.get(e.source) ?? 0) + 1);
      if ([...consumers.values()].some((c) => c >= 2)) fanOut++;
    }
    expect([...types].sort()).toEqual(['Add', 'Concat', 'Dense', 'Input']);
    expect(fanOut).toBeGreaterThan(20);
  });
});
