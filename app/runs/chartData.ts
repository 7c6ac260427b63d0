// Runs -> the overlay chart's series and columns. Each visible run draws its training loss (solid) and its
// validation loss (dashed, with a point per epoch) in its colour, on the chosen x-axis; the live run's
// accuracy (or perplexity) rides on the right axis. Pure: unit-tested without a browser.
import { type RunRecord, type XAxis, xOf } from './types.ts';

/** What one chart series shows. */
export interface SeriesSpec {
  runId: string;
  kind: 'train' | 'val' | 'metric';
  label: string;
  colour: string;
}

/** Columns for uPlot: x first, then one column per spec (null where a series has no point). */
export type Columns = [number[], ...(number | null)[][]];

/** Longest curve drawn per run: a long run is decimated for drawing (its record keeps every point). */
export const DRAW_POINTS = 1500;

function decimate<T>(a: T[], keep: number): T[] {
  if (a.length <= keep) return a;
  const stride = a.length / keep;
  const out: T[] = [];
  for (let i = 0; i < keep - 1; i++) out.push(a[Math.floor(i * stride)]);
  out.push(a[a.length - 1]);
  return out;
}

/** One curve before alignment: x values ascending, and y values. */
interface Curve {
  xs: number[];
  ys: number[];
}

/** Aligns curves on the union of their x values (each column null where its curve has no point). */
export function align(curves: Curve[]): Columns {
  const all = new Set<number>();
  for (const c of curves) for (const x of c.xs) all.add(x);
  const xs = [...all].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const cols = curves.map((c) => {
    const col: (number | null)[] = new Array(xs.length).fill(null);
    for (let i = 0; i < c.xs.length; i++)
      col[index.get(c.xs[i]) as number] = Number.isFinite(c.ys[i]) ? c.ys[i] : null;
    return col;
  });
  return [xs, ...cols];
}

/** The live run's metric (accuracy or perplexity) per step, from the training panel's series. */
export interface LiveMetric {
  runId: string;
  name: string;
  steps: number[];
  values: (number | null)[];
}

/** The series of the visible runs: training and validation loss per run (validation is drawn once the
 *  run has an epoch), and the live run's metric. Stable while runs only grow, so the chart keeps its setup. */
export function specsOf(
  runs: RunRecord[],
  metric: { runId: string; name: string } | null,
  muted = '#888',
): SeriesSpec[] {
  const specs: SeriesSpec[] = [];
  for (const r of runs) {
    if (!r.visible) continue;
    specs.push({ runId: r.id, kind: 'train', label: `${r.label} · training`, colour: r.colour });
    specs.push({ runId: r.id, kind: 'val', label: `${r.label} · validation`, colour: r.colour });
  }
  const live = metric && runs.find((r) => r.id === metric.runId && r.visible);
  if (metric && live)
    specs.push({ runId: live.id, kind: 'metric', label: `${live.label} · ${metric.name}`, colour: muted });
  return specs;
}

/** Aligned columns for `specs` on `axis`. */
export function columnsOf(
  runs: RunRecord[],
  specs: SeriesSpec[],
  axis: XAxis,
  metric: LiveMetric | null,
): Columns {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const curves: Curve[] = specs.map((spec) => {
    const r = byId.get(spec.runId);
    if (!r) return { xs: [], ys: [] };
    if (spec.kind === 'val') return { xs: r.valSteps.map((s) => xOf(r, s, axis)), ys: r.valLoss };
    if (spec.kind === 'train') {
      const idx = decimate(
        r.steps.map((_, i) => i),
        DRAW_POINTS,
      );
      return { xs: idx.map((i) => xOf(r, r.steps[i], axis)), ys: idx.map((i) => r.loss[i]) };
    }
    const pts: Curve = { xs: [], ys: [] };
    if (!metric) return pts;
    for (let i = 0; i < metric.steps.length; i++) {
      const v = metric.values[i];
      if (v === null) continue;
      pts.xs.push(xOf(r, metric.steps[i], axis));
      pts.ys.push(v);
    }
    const keep = decimate(
      pts.xs.map((_, i) => i),
      DRAW_POINTS,
    );
    return { xs: keep.map((i) => pts.xs[i]), ys: keep.map((i) => pts.ys[i]) };
  });
  return align(curves);
}
