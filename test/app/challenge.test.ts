// A challenge's locks and goal as pure checks: what an edit may change, and when the goal is met (and not
// before); plus the format: a graph with a challenge validates, a malformed challenge is refused by name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { checkGoal } from '../../app/challenge/goal.ts';
import { lockViolation, locksOf, TEACHER_LABEL } from '../../app/challenge/locks.ts';

function spirals(challenge?: unknown): Graph {
  const doc = JSON.parse(readFileSync(new URL('../../examples/mlp-spirals.json', import.meta.url), 'utf8'));
  if (challenge) doc.challenge = challenge;
  const r = validateGraph(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.graph;
}

const withParams = (g: Graph, id: string, params: Record<string, unknown>): Graph => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === id ? ({ ...n, params: { ...n.params, ...params } } as typeof n) : n)),
});

describe('challenge locks', () => {
  const g = spirals({
    title: 'Few parameters',
    lockedNodes: ['logits'],
    lockedParams: { hidden: ['activation'] },
  });

  it('a locked node cannot be deleted, edited or rewired; moving it is fine', () => {
    const deleted = { ...g, nodes: g.nodes.filter((n) => n.id !== 'logits') };
    expect(lockViolation('Delete', deleted, g)).toBe(
      'node "logits" is locked by the challenge: it cannot be deleted',
    );
    expect(lockViolation('Edit', withParams(g, 'logits', { units: 3 }), g)).toBe(
      'node "logits" is locked by the challenge: its settings cannot change',
    );
    const rewired = { ...g, edges: g.edges.map((e) => (e.target === 'logits' ? { ...e, source: 'in' } : e)) };
    expect(lockViolation('Connect', rewired, g)).toBe(
      'node "logits" is locked by the challenge: its inputs cannot be rewired',
    );
    const moved = {
      ...g,
      nodes: g.nodes.map((n) => (n.id === 'logits' ? { ...n, position: { x: 9, y: 9 } } : n)),
    };
    expect(lockViolation('Move', moved, g)).toBeNull();
  });

  it("a locked param cannot change; the node's other params can", () => {
    expect(lockViolation('Edit', withParams(g, 'hidden', { activation: 'relu' }), g)).toBe(
      '"activation" of node "hidden" is locked by the challenge',
    );
    expect(lockViolation('Edit', withParams(g, 'hidden', { units: 4 }), g)).toBeNull();
  });

  it("the challenge itself changes only through the teacher's dialog", () => {
    const { challenge: _c, ...without } = g;
    expect(lockViolation('Edit JSON', without as Graph, g)).toBe(
      "the challenge's settings can only be changed in the Challenge dialog",
    );
    expect(lockViolation(`${TEACHER_LABEL}remove`, without as Graph, g)).toBeNull();
  });

  it('a graph without a challenge has no locks', () => {
    const plain = spirals();
    expect(lockViolation('Delete', { ...plain, nodes: [] }, plain)).toBeNull();
    expect(locksOf(plain, 'logits')).toBeNull();
  });

  it('the badge names what is locked', () => {
    expect(locksOf(g, 'logits')).toBe('locked');
    expect(locksOf(g, 'hidden')).toBe('locked: activation');
    expect(locksOf(g, 'in')).toBeNull();
  });

  it('a malformed challenge is refused with where it is', () => {
    const doc = JSON.parse(readFileSync(new URL('../../examples/mlp-spirals.json', import.meta.url), 'utf8'));
    doc.challenge = { title: 'x', hide: ['toolbar'] };
    const r = validateGraph(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].path).toMatch(/^challenge\.hide/);
  });
});

describe('challenge goal', () => {
  const goal = { metric: 'valAccuracy' as const, atLeast: 0.9, maxParams: 5000 };

  it('is not met before the metric is reported, below the target, or over the parameter cap', () => {
    expect(checkGoal(goal, { totalParams: 100 }).met).toBe(false);
    expect(checkGoal(goal, { valAccuracy: 0.899, totalParams: 100 }).met).toBe(false);
    expect(checkGoal(goal, { valAccuracy: 0.95, totalParams: 5001 }).met).toBe(false);
    expect(checkGoal(goal, { valAccuracy: Number.NaN, totalParams: 100 }).met).toBe(false);
  });

  it('is met at the target with the parameters under the cap, and says where each condition stands', () => {
    const r = checkGoal(goal, { valAccuracy: 0.9, accuracy: 0.5, totalParams: 5000 });
    expect(r.met).toBe(true);
    expect(r.parts).toEqual([
      'validation accuracy ≥ 90.0% (now 90.0%)',
      'at most 5,000 parameters (now 5,000)',
    ]);
    expect(
      checkGoal({ metric: 'accuracy', atLeast: 0.6 }, { valAccuracy: 0.1, accuracy: 0.6, totalParams: 1e9 })
        .met,
    ).toBe(true);
  });
});
