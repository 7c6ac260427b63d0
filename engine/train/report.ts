// The machine-readable lines of `train --json` (a contract, ARCHITECTURE.md): one object per epoch with
// the keys epoch, step, loss, valLoss, accuracy, valAccuracy, perplexity, gradients (a metric that does
// not apply is absent, as is any non-finite number), then {"done": true, "status": ...}.
import type { DivergenceInfo, EpochMetrics, GradientReport, TrainStatus } from '../types.ts';

type Json = Record<string, unknown>;

/** Sets key only when v is a finite number (JSON has no NaN/Infinity; absent means "does not apply"). */
function put(o: Json, key: string, v: number | undefined): void {
  if (v !== undefined && Number.isFinite(v)) o[key] = v;
}

/** The gradient part of an epoch line: edges, params, timesteps (saturation is for the app only). */
export function gradientsJson(r: GradientReport): Json {
  return { edges: r.edges, params: r.params, timesteps: r.timesteps };
}

/** One `train --json` epoch line (as an object; JSON.stringify it). */
export function epochLine(m: EpochMetrics, gradients?: GradientReport): Json {
  const o: Json = { epoch: m.epoch, step: m.step };
  put(o, 'loss', m.loss);
  put(o, 'valLoss', m.valLoss);
  put(o, 'accuracy', m.accuracy);
  put(o, 'valAccuracy', m.valAccuracy);
  put(o, 'perplexity', m.perplexity);
  if (gradients) o.gradients = gradientsJson(gradients);
  return o;
}

/** What the last line reports. */
export interface DoneInfo {
  status: TrainStatus;
  epoch: number;
  step: number;
  /** the last completed epoch's metrics, if any */
  last?: EpochMetrics;
  divergence?: DivergenceInfo;
  /** where the weights were saved */
  weights?: string;
  /** set when Ctrl-C stopped the run: the step that was cut short (not applied) and where it was */
  interrupted?: { step: number; at: string };
}

/** The last `train --json` line: {"done": true, "status", "epoch", "step", metrics..., "divergence"?}. */
export function doneLine(d: DoneInfo): Json {
  const o: Json = { done: true, status: d.status, epoch: d.epoch, step: d.step };
  if (d.last) {
    put(o, 'loss', d.last.loss);
    put(o, 'valLoss', d.last.valLoss);
    put(o, 'accuracy', d.last.accuracy);
    put(o, 'valAccuracy', d.last.valAccuracy);
    put(o, 'perplexity', d.last.perplexity);
  }
  if (d.divergence) o.divergence = d.divergence;
  if (d.weights) o.weights = d.weights;
  if (d.interrupted) o.interrupted = d.interrupted;
  return o;
}

/** A human line for an epoch: "epoch 3/30  step 171  loss 0.4123  acc 81.2%  val_loss 0.4500  val_acc 80.0%". */
export function epochText(m: EpochMetrics, epochs: number): string {
  const parts = [`epoch ${m.epoch}/${epochs}`, `step ${m.step}`, `loss ${fmt(m.loss)}`];
  if (m.accuracy !== undefined) parts.push(`acc ${pct(m.accuracy)}`);
  if (m.perplexity !== undefined) parts.push(`ppl ${fmt(m.perplexity)}`);
  if (m.valLoss !== undefined) parts.push(`val_loss ${fmt(m.valLoss)}`);
  if (m.valAccuracy !== undefined) parts.push(`val_acc ${pct(m.valAccuracy)}`);
  return parts.join('  ');
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : String(v);
}

function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}
