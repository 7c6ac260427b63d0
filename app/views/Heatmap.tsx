// A heatmap of a [T, H] map drawn on a canvas (time across, units down), one cell per value, with the
// saturated cells marked. Colours: viridis-like from 0 to 1 for sigmoid gates, a blue-white-red
// diverging scale symmetric around 0 for everything that can be negative.
import { memo, useEffect, useRef } from 'react';
import { sequentialRgb } from '../training/palette.ts';

/** The diverging colour of v in [-1, 1] (clamped): blue, light grey at 0, red. */
export function divergingRgb(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const mid = [236, 236, 236];
  const end = t < 0 ? [33, 102, 172] : [178, 24, 43];
  const a = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(mid[k] + (end[k] - mid[k]) * a)) as [number, number, number];
}

/** Colour of a value on a scale: 'unit' = [0, 1] sequential, else diverging over [-range, range]. */
export function cellRgb(v: number, scale: 'unit' | number): [number, number, number] {
  return scale === 'unit' ? sequentialRgb(v) : divergingRgb(v / scale);
}

/** Draws the map, cellW x cellH px per value; saturated cells (share >= 0.5) get a dark dot (or turn
 *  dark when cells are too small for a dot). */
export const Heatmap = memo(function Heatmap({
  values,
  saturated,
  steps,
  units,
  scale,
  cellW,
  cellH,
  label,
}: {
  values: Float32Array;
  saturated: Float32Array;
  steps: number;
  units: number;
  scale: 'unit' | number;
  cellW: number;
  cellH: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const img = ctx.createImageData(steps, units);
    for (let t = 0; t < steps; t++)
      for (let j = 0; j < units; j++) {
        const [r, g, b] = cellRgb(values[t * units + j], scale);
        const o = (j * steps + t) * 4;
        img.data[o] = r;
        img.data[o + 1] = g;
        img.data[o + 2] = b;
        img.data[o + 3] = 255;
      }
    c.width = steps * cellW;
    c.height = units * cellH;
    // draw at one pixel per value, then scale up without smoothing
    const small = new OffscreenCanvas(steps, units);
    small.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, c.width, c.height);
    ctx.fillStyle = '#111';
    for (let t = 0; t < steps; t++)
      for (let j = 0; j < units; j++) {
        if (saturated[t * units + j] < 0.5) continue;
        const r = Math.min(cellW, cellH) * 0.3;
        if (r >= 1.2) {
          ctx.beginPath();
          ctx.arc((t + 0.5) * cellW, (j + 0.5) * cellH, r, 0, 2 * Math.PI);
          ctx.fill();
        } else ctx.fillRect(t * cellW, j * cellH, cellW, cellH);
      }
  }, [values, saturated, steps, units, scale, cellW, cellH]);
  return <canvas ref={ref} className="heatmap" role="img" aria-label={label} />;
});

/** SVG polyline points of a series in a w x h box over [lo, hi]. */
export function seriesPoints(v: ArrayLike<number>, w: number, h: number, lo: number, hi: number): string {
  const pts: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = v.length > 1 ? (i / (v.length - 1)) * (w - 4) + 2 : w / 2;
    const y = h - 2 - ((Math.min(hi, Math.max(lo, v[i])) - lo) / (hi - lo || 1)) * (h - 4);
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return pts.join(' ');
}
