// The guard's second half: a loss can stay finite and still be running away (lr 1e6 ends at 2.7e6 from
// 0.69), and units can be pinned at the flat ends of tanh/sigmoid, where gradients are ~1e-39. Both
// are reported as divergence, naming the node.
import type { DivergenceInfo } from '../types.ts';
import type { InspectableModel } from './divergence.ts';

/** A loss above this many times its first value (and above RUNAWAY_FLOOR) counts as runaway. */
export const RUNAWAY_FACTOR = 1000;
/** Losses below this never count as runaway (a start near 0 would make any wobble "1000x"). */
export const RUNAWAY_FLOOR = 10;
/** Share of a node's outputs at the flat ends for the node to count as saturated. */
export const SATURATED_SHARE = 0.95;
/** Global gradient norm below which training is stuck (float32 underflow territory). */
export const STUCK_GRAD_NORM = 1e-30;

/** What the saturation check needs of the graph: which nodes squash with which function. */
export interface SquashingNode {
  id: string;
  kind: 'sigmoid' | 'tanh';
}

/** Nodes whose output is a sigmoid or tanh (Dense with that activation, RNN with it). */
export function squashingNodes(
  nodes: readonly { id: string; type: string; params: unknown }[],
): SquashingNode[] {
  const out: SquashingNode[] = [];
  for (const n of nodes) {
    const act = (n.params as { activation?: string } | null)?.activation ?? (n.type === 'RNN' ? 'tanh' : '');
    if ((n.type === 'Dense' || n.type === 'RNN') && (act === 'sigmoid' || act === 'tanh'))
      out.push({ id: n.id, kind: act });
  }
  return out;
}

/** The most saturated squashing node and its share of pinned outputs, when over SATURATED_SHARE. */
export function mostSaturated(
  model: InspectableModel,
  nodes: readonly SquashingNode[],
): { id: string; kind: 'sigmoid' | 'tanh'; share: number } | null {
  let best: { id: string; kind: 'sigmoid' | 'tanh'; share: number } | null = null;
  for (const n of nodes) {
    const out = model.lastOutput(n.id);
    if (!out || out.data.length === 0) continue;
    const d = out.data;
    let pinned = 0;
    let outside = false;
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      // logits of a fused output layer are not squashed yet: such a node is skipped
      if (n.kind === 'sigmoid' ? v < 0 || v > 1 : v < -1 || v > 1) {
        outside = true;
        break;
      }
      if (n.kind === 'sigmoid' ? v < 0.001 || v > 0.999 : Math.abs(v) > 0.999) pinned++;
    }
    const share = pinned / d.length;
    if (!outside && share >= SATURATED_SHARE && (!best || share > best.share)) best = { ...n, share };
  }
  return best;
}

function saturationText(s: { id: string; kind: string; share: number }): string {
  const ends = s.kind === 'sigmoid' ? '0 or 1' : '-1 or 1';
  return `node ${s.id} is saturated: ${(s.share * 100).toFixed(0)}% of its ${s.kind} outputs are pinned at ${ends}, where its gradient is almost 0`;
}

const ADVICE = 'Lower the learning rate or turn on gradient clipping.';

/** Runaway loss at `step` (1-based), or null. `start` is the first step's loss. */
export function runawayLoss(
  model: InspectableModel,
  nodes: readonly SquashingNode[],
  step: number,
  start: number,
  loss: number,
): DivergenceInfo | null {
  if (!(loss > RUNAWAY_FLOOR && loss > RUNAWAY_FACTOR * start)) return null;
  const sat = mostSaturated(model, nodes);
  const big = sat ? null : largestActivation(model);
  const nodeId = sat?.id ?? big ?? heaviestGradNode(model);
  const why = sat
    ? `: ${saturationText(sat)};`
    : big
      ? `; the largest activations are in node ${big}`
      : nodeId
        ? `; the largest gradients are in node ${nodeId}`
        : '';
  return {
    nodeId,
    param: null,
    message: `The loss grew from ${fmt(start)} at the start to ${fmt(loss)} (more than ${RUNAWAY_FACTOR} times its start), so training is diverging${why} at step ${step}. ${ADVICE}`,
  };
}

/** Gradients vanished with saturated units: training cannot move any more. */
export function stuckSaturated(
  model: InspectableModel,
  nodes: readonly SquashingNode[],
  step: number,
  gradNorm: number,
): DivergenceInfo | null {
  if (!(gradNorm < STUCK_GRAD_NORM)) return null;
  const sat = mostSaturated(model, nodes);
  if (!sat) return null;
  return {
    nodeId: sat.id,
    param: null,
    message: `Training is stuck: the gradient norm is ${gradNorm.toExponential(1)} because ${saturationText(sat)}, at step ${step}. ${ADVICE}`,
  };
}

/** Where the blow-up starts: the first layer (topological order, not the Input) whose outputs are
 *  huge (over 1000) and within 100x of the largest output anywhere; layers after it only pass it on. */
function largestActivation(model: InspectableModel): string | null {
  const peaks: Array<[string, number]> = [];
  for (const id of model.order.slice(1)) {
    const out = model.lastOutput(id);
    if (!out) continue;
    let m = 0;
    for (let i = 0; i < out.data.length; i++) m = Math.max(m, Math.abs(out.data[i]));
    peaks.push([id, m]);
  }
  const top = Math.max(0, ...peaks.map(([, m]) => m));
  return peaks.find(([, m]) => m > 1000 && m >= top / 100)?.[0] ?? null;
}

/** The node whose parameter gradients are largest (where the blow-up is strongest). */
function heaviestGradNode(model: InspectableModel): string | null {
  let best: string | null = null;
  let bestNorm = -1;
  for (const p of model.params) {
    let s = 0;
    for (let i = 0; i < p.grad.data.length; i++) s += p.grad.data[i] * p.grad.data[i];
    if (s > bestNorm) {
      bestNorm = s;
      best = p.nodeId;
    }
  }
  return best;
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 ? v.toExponential(1) : v.toPrecision(3));
