import { describe, expect, it } from 'vitest';
import {
  firstNonFinite,
  locateBadWeights,
  locateDivergence,
  ParamBackup,
} from '../../engine/train/divergence.ts';
import { fromArray, type Tensor } from '../../engine/tensor.ts';

function fakeModel(
  outputs: Record<string, number[]>,
  grads: { nodeId: string; name: string; g: number[] }[],
) {
  const order = Object.keys(outputs);
  return {
    order,
    graph: { edges: [] },
    params: grads.map((p) => ({
      nodeId: p.nodeId,
      name: p.name,
      value: fromArray(
        [p.g.length],
        p.g.map(() => 1),
      ),
      grad: fromArray([p.g.length], p.g),
    })),
    lastOutput: (id: string): Tensor | null => fromArray([outputs[id].length], outputs[id]),
  };
}

describe('divergence guard', () => {
  it('finds NaN and infinities', () => {
    expect(firstNonFinite([1, 2, 3])).toBe(-1);
    expect(firstNonFinite([1, Number.NaN])).toBe(1);
    expect(firstNonFinite([Number.NEGATIVE_INFINITY])).toBe(0);
  });

  it('names the first node in topological order with a non-finite output', () => {
    const m = fakeModel({ in: [1], h: [Number.POSITIVE_INFINITY], out: [Number.NaN] }, []);
    const d = locateDivergence(m, 12, Number.NaN);
    expect(d.nodeId).toBe('h');
    expect(d.param).toBeNull();
    expect(d.message).toBe(
      'Activations exploded: the output of node h became infinite at step 12. Lower the learning rate or turn on gradient clipping.',
    );
  });

  it('with a finite forward pass, names the parameter gradient nearest the output', () => {
    const m = fakeModel({ in: [1], rnn1: [0.5], out: [0.1] }, [
      { nodeId: 'rnn1', name: 'W_hh', g: [Number.POSITIVE_INFINITY] },
      { nodeId: 'out', name: 'W', g: [1] },
    ]);
    const d = locateDivergence(m, 37, 2.5);
    expect(d.nodeId).toBe('rnn1');
    expect(d.param).toBe('W_hh');
    expect(d.message).toBe(
      'Gradients exploded: dL/dW_hh of node rnn1 became infinite at step 37. Lower the learning rate or turn on gradient clipping.',
    );
  });

  it('names the non-finite edge nearest the output from an instrumented report', () => {
    const m = {
      ...fakeModel({ in: [1], h: [1], out: [1] }, [{ nodeId: 'h', name: 'W', g: [Number.NaN] }]),
      graph: {
        edges: [
          { id: 'e1', source: 'in', target: 'h' },
          { id: 'e2', source: 'h', target: 'out' },
        ],
      },
    };
    const report = {
      edges: { e1: Number.NaN, e2: Number.POSITIVE_INFINITY },
      params: {},
      timesteps: {},
      saturation: {},
    };
    const d = locateDivergence(m, 3, 1, report);
    expect(d.edgeId).toBe('e2');
    expect(d.message).toBe(
      'Gradients exploded: dL/dW of node h became NaN (not a number) at step 3. Lower the learning rate or turn on gradient clipping.',
    );
  });

  it('names a weight an update made infinite', () => {
    const m = fakeModel({ in: [1] }, [{ nodeId: 'rnn1', name: 'W_hh', g: [1] }]);
    m.params[0].value.data[0] = Number.POSITIVE_INFINITY;
    expect(locateBadWeights(m, 9)).toMatchObject({ nodeId: 'rnn1', param: 'W_hh' });
  });

  it('restores saved parameter values', () => {
    const p = [{ value: fromArray([2], [1, 2]) }];
    const b = new ParamBackup(p);
    b.save();
    p[0].value.data.fill(Number.NaN);
    b.restore();
    expect([...p[0].value.data]).toEqual([1, 2]);
  });
});
