// The divergence guard beyond NaN: a finite loss running away from its start, and saturated units
// with vanished gradients, each named by node.
import { describe, expect, it } from 'vitest';
import { mostSaturated, runawayLoss, squashingNodes, stuckSaturated } from '../../engine/train/runaway.ts';
import { fromArray } from '../../engine/tensor.ts';
import { cli } from '../cli/helpers.ts';

const hostile = new URL('../fixtures/hostile/lr1e6-sgd-finishes-with-loss-2.7e6.json', import.meta.url)
  .pathname;

/** A stand-in model whose node outputs are given. */
function modelWith(outputs: Record<string, number[]>) {
  return {
    order: Object.keys(outputs),
    params: [
      {
        nodeId: 'h',
        name: 'W',
        value: fromArray([1], [1]),
        grad: fromArray([2], [3, 4]),
      },
    ],
    graph: { edges: [] },
    lastOutput: (id: string) => (outputs[id] ? fromArray([outputs[id].length], outputs[id]) : null),
  };
}

describe('runaway loss and saturation', () => {
  it('the lr 1e6 run now ends "diverged", naming the saturated node, not "finished" at 2.7e6', async () => {
    const r = await cli('train', hostile, '--json');
    expect(r.code).toBe(0);
    const done = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(done.status).toBe('diverged');
    expect(done.divergence.nodeId).toBe('hidden');
    expect(done.divergence.message).toMatch(
      /^The loss grew from 0\.\d+ at the start to [\d.]+e\+\d+ \(more than 1000 times its start\), so training is diverging: node hidden is saturated: \d+% of its sigmoid outputs are pinned at 0 or 1, where its gradient is almost 0; at step \d+\. Lower the learning rate/,
    );
  });

  it('finds the squashing nodes and the most saturated one; logits outside the range are skipped', () => {
    const nodes = squashingNodes([
      { id: 'a', type: 'Dense', params: { activation: 'sigmoid' } },
      { id: 'b', type: 'Dense', params: { activation: 'relu' } },
      { id: 'r', type: 'RNN', params: {} },
      { id: 'o', type: 'Dense', params: { activation: 'tanh' } },
    ]);
    expect(nodes).toEqual([
      { id: 'a', kind: 'sigmoid' },
      { id: 'r', kind: 'tanh' },
      { id: 'o', kind: 'tanh' },
    ]);
    const m = modelWith({ a: [0.0001, 0.9999, 1, 0], r: [0.5, -0.9995, 0.9999, 1], o: [3, -5, 1, 1] });
    expect(mostSaturated(m, nodes)).toEqual({ id: 'a', kind: 'sigmoid', share: 1 });
  });

  it('a loss 1000x its start but below the floor, or under 1000x, is not runaway', () => {
    const m = modelWith({});
    expect(runawayLoss(m, [], 5, 0.001, 5)).toBeNull(); // 5000x but tiny
    expect(runawayLoss(m, [], 5, 0.7, 600)).toBeNull(); // 857x
    const r = runawayLoss(m, [], 5, 0.7, 800);
    expect(r?.nodeId).toBe('h');
    expect(r?.message).toContain('the largest gradients are in node h at step 5.');
    // with outputs: the first layer where the blow-up shows, not the later ones that pass it on
    const grown = runawayLoss(modelWith({ in: [1e6], rec: [5000], logits: [2e5] }), [], 5, 0.7, 800);
    expect(grown?.nodeId).toBe('rec');
    expect(grown?.message).toContain('the largest activations are in node rec at step 5.');
  });

  it('vanished gradients with a saturated node are "stuck", naming it', () => {
    const nodes = [{ id: 'a', kind: 'tanh' as const }];
    const m = modelWith({ a: [1, -1, 0.99995, -0.9999] });
    expect(stuckSaturated(m, nodes, 9, 1e-3)).toBeNull();
    expect(stuckSaturated(m, nodes, 9, 1e-39)?.message).toBe(
      'Training is stuck: the gradient norm is 1.0e-39 because node a is saturated: 100% of its tanh outputs are pinned at -1 or 1, where its gradient is almost 0, at step 9. Lower the learning rate or turn on gradient clipping.',
    );
  });
});
