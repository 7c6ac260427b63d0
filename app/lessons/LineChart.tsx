// A small SVG line chart for the lesson: several series with their own x values, optional log10 y axis,
// labelled ticks. (The main loss chart uses uPlot; here the two runs have different x values per series.)
import { memo } from 'react';

/** One line. */
export interface Line {
  label: string;
  color: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** dashed stroke, so lines differ by more than colour */
  dashed?: boolean;
  /** a faint, thin line (e.g. the curve before training) */
  faint?: boolean;
}

/** [min, max] of the finite (and for log, positive) values of all lines, padded when flat. */
export function yExtent(lines: Line[], log: boolean, fixed?: [number, number]): [number, number] {
  if (fixed) return fixed;
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) {
    for (let i = 0; i < l.ys.length; i++) {
      const v = log ? (l.ys[i] > 0 ? Math.log10(l.ys[i]) : Number.NaN) : l.ys[i];
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi - lo < (log ? 1 : 1e-9)) return log ? [Math.floor(lo), Math.floor(lo) + 1] : [lo - 0.5, hi + 0.5];
  return log ? [Math.floor(lo), Math.ceil(hi)] : [lo, hi];
}

function ticks(lo: number, hi: number, log: boolean): number[] {
  if (log) {
    const step = Math.max(1, Math.ceil((hi - lo) / 6));
    const out: number[] = [];
    for (let d = Math.ceil(lo); d <= hi; d += step) out.push(d);
    return out;
  }
  return [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
}

/** The chart. */
export const LineChart = memo(function LineChart({
  lines,
  log = false,
  yRange,
  xLabel,
  yLabel,
  width = 460,
  height = 200,
}: {
  lines: Line[];
  log?: boolean;
  yRange?: [number, number];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}) {
  const pad = { l: 52, r: 10, t: 10, b: 34 };
  const [lo, hi] = yExtent(lines, log, yRange);
  let xMax = 1;
  let xMin = Infinity;
  for (const l of lines) {
    for (let i = 0; i < l.xs.length; i++) {
      xMax = Math.max(xMax, l.xs[i]);
      xMin = Math.min(xMin, l.xs[i]);
    }
  }
  if (!Number.isFinite(xMin) || xMin >= xMax) xMin = 0;
  const toX = (x: number) => pad.l + ((x - xMin) / (xMax - xMin)) * (width - pad.l - pad.r);
  const toY = (v: number) => {
    const y = log ? (v > 0 ? Math.log10(v) : lo) : v;
    return pad.t + (1 - (y - lo) / (hi - lo)) * (height - pad.t - pad.b);
  };
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      className="line-chart"
      role="img"
      aria-label={`${yLabel} by ${xLabel}`}
    >
      {ticks(lo, hi, log).map((t) => {
        const y = pad.t + (1 - (t - lo) / (hi - lo)) * (height - pad.t - pad.b);
        return (
          <g key={t}>
            <line x1={pad.l} x2={width - pad.r} y1={y} y2={y} className="grid-line" />
            <text x={pad.l - 6} y={y + 4} textAnchor="end" className="tick">
              {log ? `1e${t}` : t.toFixed(2)}
            </text>
          </g>
        );
      })}
      <text x={pad.l} y={height - 18} className="tick">
        {Math.round(xMin)}
      </text>
      <text x={width - pad.r} y={height - 18} textAnchor="end" className="tick">
        {Math.round(xMax)}
      </text>
      <text x={(pad.l + width) / 2} y={height - 4} textAnchor="middle" className="axis-label">
        {xLabel}
      </text>
      <text
        x={12}
        y={height / 2}
        textAnchor="middle"
        className="axis-label"
        transform={`rotate(-90 12 ${height / 2})`}
      >
        {yLabel}
      </text>
      {lines.map((l) => {
        const pts: string[] = [];
        for (let i = 0; i < l.xs.length; i++) {
          if (Number.isFinite(l.ys[i])) pts.push(`${toX(l.xs[i]).toFixed(1)},${toY(l.ys[i]).toFixed(1)}`);
        }
        return (
          <polyline
            key={l.label}
            points={pts.join(' ')}
            fill="none"
            stroke={l.color}
            strokeWidth={l.faint ? 1.5 : 2.5}
            strokeOpacity={l.faint ? 0.45 : 1}
            strokeDasharray={l.dashed ? '6 4' : undefined}
          />
        );
      })}
    </svg>
  );
});
