// Train/eval mode through the model and the trainer: Dropout is active only in train mode, its
// masks are a pure function of (seed, node, step), so the same seed gives the same run; a whole
// model with Dropout, LayerNorm, SelfAttention and PositionalEmbedding passes finite differences in
// train mode (fixed step) and in eval mode.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../graph-schema/schema.ts';
import type { Dataset } from '../../../engine/data/types.ts';
import { compileModel, type Model } from '../../../engine/model.ts';
import { Rng } from '../../../engine/random.ts';
import type { Tensor } from '../../../engine/tensor.ts';
import { createTrainer } from '../../../engine/train/trainer.ts';
import { randTensor, worstFdError } from '../gradcheck.ts';

type N = [id: string, type: string, params?: Record<string, unknown>];

function chain(nodes: N[], seed = 5): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: 'chain',
    nodes: nodes.map(([id, type, params]) => ({ id, type, position: { x: 0, y: 0 }, params: params ?? {} })),
    edges: nodes.slice(1).map(([id], i) => ({ id: `e${i + 1}`, source: nodes[i][0], target: id })),
    training: {
      dataset: { id: 'test', options: {} },
      loss: 'auto',
      optimizer: { type: 'adam', lr: 0.01 },
      batchSize: 8,
      epochs: 2,
      clip: null,
      seed,
      validationSplit: 0.25,
    },
  } as unknown as Graph;
}

// every new layer in one model: [T=5, F=3] floats -> 3 classes
const ATTENTION: N[] = [
  ['in', 'Input', { shape: [5, 3] }],
  ['pos', 'PositionalEmbedding'],
  ['att', 'SelfAttention', { units: 4, causal: true, returnSequences: false }],
  ['norm', 'LayerNorm'],
  ['drop', 'Dropout', { rate: 0.4 }],
  ['out', 'Dense', { units: 3 }],
  ['probs', 'Softmax'],
];

function classes(n: number, seed: number): Tensor {
  const rng = new Rng(seed);
  return { shape: [n], data: Float64Array.from({ length: n }, () => rng.int(3)) };
}

/** Worst finite-difference error over every parameter and the input, in the given mode. */
function worstModelError(model: Model, x: Tensor, y: Tensor, training: boolean): number {
  const opts = { instrument: false, training, step: 3 };
  // random params everywhere: LayerNorm's unit gain and the zero biases would hide terms
  const rng = new Rng(9);
  for (const p of model.params)
    for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = rng.uniform(-0.8, 0.8);
  model.lossAndGrads(x, y, opts);
  const grads = model.params.map((p) => Float64Array.from(p.grad.data));
  const loss = () => model.lossAndGrads(x, y, opts).loss;
  return Math.max(...model.params.map((p, i) => worstFdError(p.value.data, grads[i], loss)));
}

describe('train and eval mode', () => {
  it('a model of all four new layers passes finite differences in train mode and in eval mode', () => {
    const x = randTensor([4, 5, 3], new Rng(1));
    const y = classes(4, 2);
    for (const training of [true, false]) {
      const model = compileModel(chain(ATTENTION), { dtype: 'float64' });
      expect(worstModelError(model, x, y, training), training ? 'train' : 'eval').toBeLessThan(1e-7);
    }
  });

  it('Dropout is active in train mode only: forward and evaluation are deterministic eval passes', () => {
    const model = compileModel(chain(ATTENTION), { dtype: 'float64' });
    const x = randTensor([6, 5, 3], new Rng(3));
    const y = classes(6, 4);
    const evalA = Float64Array.from(model.forward(x).data);
    expect(Array.from(model.forward(x).data)).toEqual(Array.from(evalA));
    const lossEval = model.lossAndGrads(x, y, { instrument: false }).loss;
    const train3 = model.lossAndGrads(x, y, { instrument: false, training: true, step: 3 }).loss;
    const train4 = model.lossAndGrads(x, y, { instrument: false, training: true, step: 4 }).loss;
    expect(train3).not.toBe(lossEval);
    expect(train4).not.toBe(train3);
    expect(model.lossAndGrads(x, y, { instrument: false, training: true, step: 3 }).loss).toBe(train3);
  });

  it('the trainer trains with dropout on and the same seed gives the same run (also after reset)', () => {
    const n = 32;
    const rng = new Rng(11);
    const data: Dataset = {
      id: 'test',
      description: 'random sequences',
      task: 'classification',
      x: { shape: [n, 5, 3], data: Float32Array.from({ length: n * 15 }, () => rng.uniform(-1, 1)) },
      y: { shape: [n], data: Float32Array.from({ length: n }, () => rng.int(3)) },
      numClasses: 3,
    } as Dataset;
    const run = (seed: number, nodes = ATTENTION) => {
      const t = createTrainer(chain(nodes, seed), data, { instrumentEvery: Number.POSITIVE_INFINITY });
      const losses = t.step(6).losses;
      t.reset();
      return { losses, again: t.step(6).losses };
    };
    const a = run(5);
    expect(a.losses).toHaveLength(6);
    expect(a.again).toEqual(a.losses);
    expect(run(5).losses).toEqual(a.losses);
    expect(run(6).losses).not.toEqual(a.losses);
    // same init and batches (Dropout has no weights): only the masks differ, so the trainer is in train mode
    const noDropout = ATTENTION.map((n): N => (n[1] === 'Dropout' ? [n[0], n[1], { rate: 0 }] : n));
    expect(run(5, noDropout).losses[0]).not.toBe(a.losses[0]);
  });
});
