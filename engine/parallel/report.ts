// Instrumentation over shards: each shard's report covers its rows; the batch's report combines them
// the same way whether one worker or two computed the shards. Norms over rows combine as the root of
// the sum of squares, shares as row-weighted means; parameter norms are taken again on the summed
// gradients (the norm of a sum is not a sum of norms).
import type { ModelParam } from '../model.ts';
import { l2norm } from '../tensor.ts';
import type { GradientReport } from '../types.ts';

/** The batch's report from its shards' reports (`rows`: each shard's rows), param norms from `params`. */
export function combineReports(
  parts: readonly GradientReport[],
  rows: readonly number[],
  params: readonly ModelParam[],
): GradientReport {
  const out: GradientReport = { edges: {}, params: {}, timesteps: {}, saturation: {} };
  const first = parts[0];
  for (const id of unionKeys(parts, (r) => r.edges)) {
    out.edges[id] = rootSumSquares(parts.map((r) => r.edges[id]));
  }
  for (const id of unionKeys(parts, (r) => r.timesteps)) {
    const curves = parts.map((r) => r.timesteps[id]).filter((c): c is number[] => c !== undefined);
    const T = curves[0].length;
    const curve: number[] = [];
    for (let t = 0; t < T; t++) curve.push(rootSumSquares(curves.map((c) => c[t])));
    out.timesteps[id] = curve;
  }
  for (const id of unionKeys(parts, (r) => r.saturation)) {
    let sum = 0;
    let n = 0;
    parts.forEach((r, k) => {
      const s = r.saturation[id];
      if (s === undefined) return;
      sum += s * rows[k];
      n += rows[k];
    });
    out.saturation[id] = sum / n;
  }
  for (const nodeId of Object.keys(first.params)) {
    const norms: Record<string, number> = {};
    for (const p of params) if (p.nodeId === nodeId) norms[p.name] = l2norm(p.grad.data);
    out.params[nodeId] = norms;
  }
  return out;
}

function unionKeys(parts: readonly GradientReport[], pick: (r: GradientReport) => object): string[] {
  const keys = new Set<string>();
  for (const r of parts) for (const k of Object.keys(pick(r))) keys.add(k);
  return [...keys];
}

function rootSumSquares(values: readonly (number | undefined)[]): number {
  let s = 0;
  for (const v of values) if (v !== undefined) s += v * v;
  return Math.sqrt(s);
}

/** A report as text for shared memory; non-finite numbers survive (JSON would make them null). */
export function encodeReport(r: GradientReport): string {
  return JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/** The report back from encodeReport's text, bit for bit. */
export function decodeReport(text: string): GradientReport {
  return JSON.parse(text, (_k, v) =>
    v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v,
  ) as GradientReport;
}
