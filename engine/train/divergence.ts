// The divergence guard: exploding gradients are a lesson, not a crash. When a loss or gradient stops
// being a finite number, find where the first non-finite value appeared and say so in a sentence a
// student understands; ParamBackup keeps the last finite weights to go back to.
import type { FloatArray, Tensor } from '../tensor.ts';
import type { DivergenceInfo, GradientReport } from '../types.ts';

/** What the guard needs to see of a model (a subset of Model in engine/model.ts). */
export interface InspectableModel {
  order: string[];
  params: { nodeId: string; name: string; value: Tensor; grad: Tensor }[];
  graph: { edges: { id: string; source: string; target: string }[] };
  lastOutput(nodeId: string): Tensor | null;
}

/** Index of the first NaN/±Infinity in a, or -1 when all are finite. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    // v - v is 0 for finite v and NaN for NaN and ±Infinity: one comparison per element.
    if (v - v !== 0) return i;
  }
  return -1;
}

/** "infinite" or "NaN (not a number)", for the first non-finite value of a. */
function describe(a: ArrayLike<number>): string {
  const i = firstNonFinite(a);
  return i >= 0 && Number.isNaN(a[i]) ? 'NaN (not a number)' : 'infinite';
}

const ADVICE = 'Lower the learning rate or turn on gradient clipping.';

/**
 * Names where training diverged at `step` (1-based update number). Order of the search: the loss
 * itself when every activation is finite; otherwise the first node in topological order whose output
 * is non-finite; with a finite forward pass, the parameter gradients from the output back to the
 * input (the first one backprop reached), then the edges of an instrumented report.
 */
export function locateDivergence(
  model: InspectableModel,
  step: number,
  loss: number,
  report?: GradientReport,
): DivergenceInfo {
  for (const id of model.order) {
    const out = model.lastOutput(id);
    if (out && firstNonFinite(out.data) >= 0) {
      return {
        nodeId: id,
        param: null,
        message: `Activations exploded: the output of node ${id} became ${describe(out.data)} at step ${step}. ${ADVICE}`,
      };
    }
  }
  if (!Number.isFinite(loss)) {
    return {
      nodeId: null,
      param: null,
      message: `The loss became ${Number.isNaN(loss) ? 'NaN (not a number)' : 'infinite'} at step ${step}. ${ADVICE}`,
    };
  }
  return locateInBackward(model, step, report);
}

/** A finite forward pass and loss: the non-finite value is in the backward pass. */
function locateInBackward(model: InspectableModel, step: number, report?: GradientReport): DivergenceInfo {
  const rank = new Map(model.order.map((id, i) => [id, i]));
  const edgeId = report ? firstBadEdge(model, rank, report) : null;
  const byLateness = [...model.params].sort((a, b) => (rank.get(b.nodeId) ?? 0) - (rank.get(a.nodeId) ?? 0));
  for (const p of byLateness) {
    if (firstNonFinite(p.grad.data) >= 0) {
      const what = describe(p.grad.data);
      return {
        nodeId: p.nodeId,
        param: p.name,
        edgeId,
        message: `Gradients exploded: dL/d${p.name} of node ${p.nodeId} became ${what} at step ${step}. ${ADVICE}`,
      };
    }
  }
  return {
    nodeId: null,
    param: null,
    edgeId,
    message: `The gradient became infinite or NaN at step ${step}. ${ADVICE}`,
  };
}

/** The edge nearest the output (by its target's topological rank) whose gradient norm is non-finite. */
function firstBadEdge(
  model: InspectableModel,
  rank: Map<string, number>,
  report: GradientReport,
): string | null {
  const edges = [...model.graph.edges].sort((a, b) => (rank.get(b.target) ?? 0) - (rank.get(a.target) ?? 0));
  for (const e of edges) {
    const norm = report.edges[e.id];
    if (norm !== undefined && !Number.isFinite(norm)) return e.id;
  }
  return null;
}

/** True when every parameter value is finite. */
export function paramsFinite(params: readonly { value: Tensor }[]): boolean {
  for (const p of params) if (firstNonFinite(p.value.data) >= 0) return false;
  return true;
}

/** A preallocated copy of all parameter values: save before an update, restore if it went bad. */
export class ParamBackup {
  private readonly copies: FloatArray[];

  constructor(private readonly params: readonly { value: Tensor }[]) {
    this.copies = params.map((p) => p.value.data.slice());
  }

  /** Copies the current values into the backup. */
  save(): void {
    for (let i = 0; i < this.params.length; i++) this.copies[i].set(this.params[i].value.data);
  }

  /** Writes the backup back into the parameters. */
  restore(): void {
    for (let i = 0; i < this.params.length; i++) this.params[i].value.data.set(this.copies[i]);
  }
}

/** After an update made some weight non-finite (a finite but huge gradient times the learning rate). */
export function locateBadWeights(model: InspectableModel, step: number): DivergenceInfo {
  const p = model.params.find((q) => firstNonFinite(q.value.data) >= 0);
  if (!p) return { nodeId: null, param: null, message: `Training diverged at step ${step}. ${ADVICE}` };
  return {
    nodeId: p.nodeId,
    param: p.name,
    message: `Gradients exploded: the update of ${p.name} in node ${p.nodeId} made it ${describe(p.value.data)} at step ${step}. ${ADVICE}`,
  };
}
