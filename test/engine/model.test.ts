// compileModel end to end: gradients of a branching graph (one node feeding several, merged by
// Concat and Add) against finite differences, the loss heads, instrumentation, determinism,
// weights round trips and the errors a student meets.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph-schema/schema.ts';
import { CompileError, compileModel, type Model } from '../../engine/model.ts';
import { createOptimizer } from '../../engine/optim/index.ts';
import { Rng } from '../../engine/random.ts';
import type { Tensor } from '../../engine/tensor.ts';
import { randTensor, worstFdError } from './gradcheck.ts';

type N = { id: string; type: string; params?: Record<string, unknown> };

/** A graph from nodes and "a->b" edge strings (edge ids e1, e2, ... in the order given). */
function graph(nodes: N[], edges: string[], loss = 'auto'): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes: nodes.map((n) => ({ position: { x: 0, y: 0 }, params: {}, ...n })),
    edges: edges.map((e, i) => {
      const [source, target] = e.split('->');
      return { id: `e${i + 1}`, source, target };
    }),
    training: { dataset: { id: 'builtin:none' }, loss, optimizer: { type: 'sgd', lr: 0.1 } },
  } as unknown as Graph;
}

// in -> a; a feeds b, c and cat; b + c -> add; cat = [a, add, in] -> out -> head
function branching(head: N[], headEdges: string[], outUnits: number, outAct = 'identity'): Graph {
  return graph(
    [
      { id: 'in', type: 'Input', params: { shape: [3] } },
      { id: 'a', type: 'Dense', params: { units: 4, activation: 'tanh' } },
      { id: 'b', type: 'Dense', params: { units: 4, activation: 'sigmoid' } },
      { id: 'c', type: 'Dense', params: { units: 4, activation: 'relu' } },
      { id: 'add', type: 'Add' },
      { id: 'cat', type: 'Concat' },
      { id: 'out', type: 'Dense', params: { units: outUnits, activation: outAct } },
      ...head,
    ],
    ['in->a', 'a->b', 'a->c', 'b->add', 'c->add', 'a->cat', 'add->cat', 'in->cat', 'cat->out', ...headEdges],
  );
}

const OFF = { instrument: false };

/** Worst finite-difference error over every parameter of the model. */
function worstParamError(model: Model, x: Tensor, y: Tensor): number {
  model.lossAndGrads(x, y, OFF);
  const grads = model.params.map((p) => Float64Array.from(p.grad.data));
  const loss = () => model.lossAndGrads(x, y, OFF).loss;
  return Math.max(...model.params.map((p, i) => worstFdError(p.value.data, grads[i], loss)));
}

describe('a branching graph (Concat and Add merge a node that feeds three)', () => {
  const x = randTensor([5, 3], new Rng(1), 2);

  it('softmax + cross-entropy: every param gradient matches finite differences', () => {
    const model = compileModel(branching([{ id: 'p', type: 'Softmax' }], ['out->p'], 3), {
      dtype: 'float64',
      seed: 5,
    });
    expect(model.loss).toBe('categorical_crossentropy');
    const y = { shape: [5], data: new Float64Array([0, 2, 1, 1, 0]) };
    expect(worstParamError(model, x, y)).toBeLessThan(1e-7);
  });

  it('sigmoid + binary cross-entropy (fused on the logits)', () => {
    const model = compileModel(branching([], [], 1, 'sigmoid'), { dtype: 'float64', seed: 6 });
    expect(model.loss).toBe('binary_crossentropy');
    const y = { shape: [5, 1], data: new Float64Array([0, 1, 1, 0, 1]) };
    expect(worstParamError(model, x, y)).toBeLessThan(1e-7);
  });

  it('MSE on a plain output, and MSE through a standalone Softmax', () => {
    const plain = compileModel(branching([], [], 2), { dtype: 'float64', seed: 7 });
    expect(plain.loss).toBe('mse');
    const y = randTensor([5, 2], new Rng(2));
    expect(worstParamError(plain, x, y)).toBeLessThan(1e-7);
    const g = branching([{ id: 'p', type: 'Softmax' }], ['out->p'], 2);
    const viaSoftmax = compileModel(
      { ...g, training: { ...g.training!, loss: 'mse' } },
      { dtype: 'float64', seed: 7 },
    );
    expect(viaSoftmax.loss).toBe('mse');
    expect(worstParamError(viaSoftmax, x, y)).toBeLessThan(1e-7);
  });

  it('reports what each edge carries: Add hands the same gradient to both inputs', () => {
    const model = compileModel(branching([{ id: 'p', type: 'Softmax' }], ['out->p'], 3), {
      dtype: 'float64',
      seed: 5,
    });
    const y = { shape: [5], data: new Float64Array([0, 2, 1, 1, 0]) };
    const { report } = model.lossAndGrads(x, y, { instrument: true });
    expect(Object.keys(report!.edges).sort()).toEqual([
      'e1',
      'e10',
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
      'e8',
      'e9',
    ]);
    const e = report!.edges;
    expect(e.e4).toBe(e.e7); // b->add carries dL/d(add), which add->cat carried back
    expect(e.e5).toBe(e.e7);
    expect(Object.keys(report!.params).sort()).toEqual(['a', 'b', 'c', 'out']);
    expect(report!.saturation.b).toBeGreaterThanOrEqual(0);
    expect(model.lossAndGrads(x, y, OFF).report).toBeUndefined();
  });
});

describe('instrumentation', () => {
  it('changes nothing: the same loss and bit-identical gradients with and without it', () => {
    const model = compileModel(branching([{ id: 'p', type: 'Softmax' }], ['out->p'], 3), { seed: 5 });
    const x = { shape: [5, 3], data: Float32Array.from(randTensor([5, 3], new Rng(1)).data) };
    const y = { shape: [5], data: new Float32Array([0, 2, 1, 1, 0]) };
    const plain = model.lossAndGrads(x, y, OFF).loss;
    const g1 = model.params.map((p) => Array.from(p.grad.data));
    const inst = model.lossAndGrads(x, y, { instrument: true }).loss;
    expect(inst).toBe(plain);
    expect(model.params.map((p) => Array.from(p.grad.data))).toEqual(g1);
  });
});

describe('edge gradient norm', () => {
  it('in -> dense equals ||dL/dx|| measured by finite differences on the input', () => {
    const model = compileModel(
      graph(
        [
          { id: 'in', type: 'Input', params: { shape: [4] } },
          { id: 'd', type: 'Dense', params: { units: 3, activation: 'tanh' } },
        ],
        ['in->d'],
      ),
      { dtype: 'float64', seed: 3 },
    );
    const x = randTensor([2, 4], new Rng(4));
    const y = randTensor([2, 3], new Rng(5));
    const { report } = model.lossAndGrads(x, y, { instrument: true });
    let sq = 0;
    for (let i = 0; i < x.data.length; i++) {
      const keep = x.data[i];
      x.data[i] = keep + 1e-6;
      const up = model.lossAndGrads(x, y, OFF).loss;
      x.data[i] = keep - 1e-6;
      const down = model.lossAndGrads(x, y, OFF).loss;
      x.data[i] = keep;
      sq += ((up - down) / 2e-6) ** 2;
    }
    expect(report!.edges.e1).toBeCloseTo(Math.sqrt(sq), 8);
  });
});

describe('sequence models', () => {
  const charGraph = graph(
    [
      { id: 'ids', type: 'Input', params: { shape: [5], dtype: 'int32' } },
      { id: 'emb', type: 'Embedding', params: { vocabSize: 6, dim: 3 } },
      { id: 'rnn', type: 'LSTM', params: { units: 4, returnSequences: true } },
      { id: 'head', type: 'Dense', params: { units: 6 } },
      { id: 'p', type: 'Softmax' },
    ],
    ['ids->emb', 'emb->rnn', 'rnn->head', 'head->p'],
  );
  const ids = { shape: [2, 5], data: new Float64Array([0, 1, 2, 3, 4, 5, 4, 3, 2, 1]) };
  const next = { shape: [2, 5], data: new Float64Array([1, 2, 3, 4, 5, 4, 3, 2, 1, 0]) };

  it('per-step cross-entropy: gradients match finite differences; accuracy counts B·T positions', () => {
    const model = compileModel(charGraph, { dtype: 'float64', seed: 9 });
    expect(model.outputShape).toEqual([5, 6]);
    expect(worstParamError(model, ids, next)).toBeLessThan(1e-7);
    expect(model.lossAndGrads(ids, next, OFF).count).toBe(10);
  });

  it('reports time-step gradient norms of the recurrent node, and no edge into the Input for ids', () => {
    const model = compileModel(charGraph, { dtype: 'float64', seed: 9 });
    const { report } = model.lossAndGrads(ids, next, { instrument: true });
    expect(report!.timesteps.rnn).toHaveLength(5);
    expect(report!.edges.e1).toBeUndefined(); // token ids carry no gradient
    expect(report!.edges.e2).toBeGreaterThan(0);
  });
});

describe('determinism and weights', () => {
  const mlp = graph(
    [
      { id: 'in', type: 'Input', params: { shape: [2] } },
      { id: 'h', type: 'Dense', params: { units: 8, activation: 'relu' } },
      { id: 'o', type: 'Dense', params: { units: 3 } },
      { id: 'p', type: 'Softmax' },
    ],
    ['in->h', 'h->o', 'o->p'],
  );
  const x = { shape: [6, 2], data: Float32Array.from(randTensor([6, 2], new Rng(3)).data) };
  const y = { shape: [6], data: new Float32Array([0, 1, 2, 0, 1, 2]) };

  function losses(seed: number): number[] {
    const model = compileModel(mlp, { seed });
    const opt = createOptimizer({ type: 'adam', lr: 0.01 }, model.params);
    const out: number[] = [];
    for (let i = 0; i < 5; i++) {
      out.push(model.lossAndGrads(x, y, OFF).loss);
      opt.step();
    }
    return out;
  }

  it('the same seed gives bit-identical losses; another seed does not', () => {
    const a = losses(42);
    expect(losses(42)).toEqual(a);
    expect(losses(43)).not.toEqual(a);
    expect(a[4]).toBeLessThan(a[0]);
  });

  it('getWeights/setWeights round-trips into a model with other initial weights', () => {
    const a = compileModel(mlp, { seed: 1 });
    const b = compileModel(mlp, { seed: 2 });
    expect(Object.keys(a.getWeights().tensors)).toEqual(['h.W', 'h.b', 'o.W', 'o.b']);
    b.setWeights(JSON.parse(JSON.stringify(a.getWeights())));
    expect(Array.from(b.forward(x).data)).toEqual(Array.from(a.forward(x).data));
  });

  it('setWeights names the tensor that does not fit, and leaves the model untouched', () => {
    const m = compileModel(mlp, { seed: 1 });
    const before = m.getWeights();
    const w = m.getWeights();
    w.tensors['o.W'] = { shape: [3, 7], data: new Array(21).fill(0) };
    w.tensors['h.b'].data[0] = 123;
    expect(() => m.setWeights(w)).toThrow('weights tensor "o.W" has shape [3, 7] but the graph needs [3, 8]');
    expect(m.getWeights()).toEqual(before);
    const missing = m.getWeights();
    delete (missing.tensors as Record<string, unknown>)['o.b'];
    expect(() => m.setWeights(missing)).toThrow('weights file is missing tensor "o.b" (shape [3])');
    const extra = m.getWeights();
    extra.tensors['z.W'] = { shape: [1], data: [0] };
    expect(() => m.setWeights(extra)).toThrow(
      'weights file has tensor "z.W", which this graph does not have',
    );
  });

  it('lastOutput gives each node output of the last forward', () => {
    const m = compileModel(mlp, { seed: 1 });
    expect(m.lastOutput('h')).toBeNull();
    m.forward(x);
    expect(m.lastOutput('h')!.shape).toEqual([6, 8]);
    expect(m.lastOutput('nope')).toBeNull();
  });
});

describe('errors for students', () => {
  it('a graph that does not analyze cleanly throws CompileError with node ids', () => {
    const bad = graph(
      [
        { id: 'in', type: 'Input', params: { shape: [2] } },
        { id: 'd', type: 'Dense', params: { units: 0 } },
      ],
      ['in->d'],
    );
    let err: unknown;
    try {
      compileModel(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CompileError);
    expect((err as CompileError).diagnostics.some((d) => d.nodeId === 'd')).toBe(true);
  });

  it('categorical_crossentropy without a Softmax output says what to add', () => {
    const g = graph(
      [
        { id: 'in', type: 'Input', params: { shape: [2] } },
        { id: 'out', type: 'Dense', params: { units: 3 } },
      ],
      ['in->out'],
      'categorical_crossentropy',
    );
    expect(() => compileModel(g)).toThrow(
      "categorical_crossentropy needs a Softmax output: add a Softmax node after 'out'",
    );
  });

  it('an input batch of the wrong shape is named with both shapes', () => {
    const m = compileModel(
      graph(
        [
          { id: 'in', type: 'Input', params: { shape: [2] } },
          { id: 'out', type: 'Dense', params: { units: 1 } },
        ],
        ['in->out'],
      ),
    );
    expect(() => m.forward({ shape: [4, 3], data: new Float32Array(12) })).toThrow(
      'the input batch has shape [4, 3] but the Input node expects [batch, 2]',
    );
  });

  it('targets that do not fit the output are explained', () => {
    const m = compileModel(
      graph(
        [
          { id: 'in', type: 'Input', params: { shape: [2] } },
          { id: 'out', type: 'Dense', params: { units: 3 } },
          { id: 'p', type: 'Softmax' },
        ],
        ['in->out', 'out->p'],
      ),
    );
    const x = { shape: [2, 2], data: new Float32Array(4) };
    expect(() => m.lossAndGrads(x, { shape: [3], data: new Float32Array(3) }, OFF)).toThrow(
      'targets have 3 values but the output [2, 3] needs one class id per row (2)',
    );
  });
});

describe('buffers', () => {
  it('a detached output buffer (transferred to another thread) is replaced, not written into', () => {
    const m = compileModel(
      graph(
        [
          { id: 'in', type: 'Input', params: { shape: [2] } },
          { id: 'out', type: 'Dense', params: { units: 2, activation: 'tanh' } },
        ],
        ['in->out'],
      ),
      { seed: 1 },
    );
    const x = { shape: [1, 2], data: new Float32Array([0.5, -1]) };
    const first = Array.from(m.forward(x).data);
    structuredClone(m.forward(x).data.buffer, { transfer: [m.forward(x).data.buffer] });
    expect(Array.from(m.forward(x).data)).toEqual(first);
  });
});
