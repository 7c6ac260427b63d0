// Trainer snapshots -> Progress records with typed arrays, so the worker can transfer them (no copy).
import type { GradientReport, TrainSnapshot } from '../../engine/index.ts';
import type { PackedTimesteps, Progress } from './protocol.ts';

/** Packs per-node time-step norms into one Float32Array with offsets. */
export function packTimesteps(ts: Record<string, number[]> | undefined): PackedTimesteps {
  const ids = Object.keys(ts ?? {});
  const offsets = [0];
  for (const id of ids) offsets.push(offsets[offsets.length - 1] + (ts?.[id].length ?? 0));
  const data = new Float32Array(offsets[offsets.length - 1]);
  ids.forEach((id, i) => {
    data.set(ts?.[id] ?? [], offsets[i]);
  });
  return { ids, offsets, data };
}

/** The norms of node `id` from a packed record (a view, no copy), or null when it has none. */
export function timestepsOf(p: PackedTimesteps, id: string): Float32Array | null {
  const i = p.ids.indexOf(id);
  return i < 0 ? null : p.data.subarray(p.offsets[i], p.offsets[i + 1]);
}

/** Everything a Progress needs besides the snapshot itself. */
export interface PackExtras {
  epochs: number;
  stepsPerEpoch: number;
  losses: number[];
  firstStep: number;
  report: GradientReport | undefined;
  valStep: number | undefined;
  chunk: number;
}

/** Builds a Progress; the typed arrays in it are fresh, so they can be transferred. */
export function packProgress(s: TrainSnapshot, x: PackExtras): Progress {
  const p: Progress = {
    status: s.status,
    step: s.step,
    epoch: s.epoch,
    epochs: x.epochs,
    stepsPerEpoch: x.stepsPerEpoch,
    loss: s.loss,
    losses: Float32Array.from(x.losses),
    firstStep: x.firstStep,
    learningRate: s.learningRate,
    gradNorm: s.gradNorm,
    edges: { ...(x.report?.edges ?? {}) },
    params: x.report?.params ?? {},
    timesteps: packTimesteps(x.report?.timesteps),
    chunk: x.chunk,
  };
  if (s.accuracy !== undefined) p.accuracy = s.accuracy;
  if (s.perplexity !== undefined) p.perplexity = s.perplexity;
  if (s.valLoss !== undefined) p.valLoss = s.valLoss;
  if (s.valAccuracy !== undefined) p.valAccuracy = s.valAccuracy;
  if (x.valStep !== undefined) p.valStep = x.valStep;
  if (s.divergence) {
    p.divergence = s.divergence;
    p.divergedAt = s.step + 1;
  }
  return p;
}

/** The buffers of a Progress that can be transferred. */
export function transferables(p: Progress): ArrayBuffer[] {
  return [p.losses.buffer as ArrayBuffer, p.timesteps.data.buffer as ArrayBuffer];
}
