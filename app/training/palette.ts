// Colour scale for gradient magnitudes: viridis-like anchors (perceptually ordered, readable for the common
// colour-vision deficiencies and in greyscale, which is what a washed-out projector shows). Width carries the
// same number, so the order survives even when colours do not.

/** Anchor colours from dark blue-purple to yellow (our own pick of viridis-like stops). */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [65, 68, 135],
  [42, 120, 142],
  [34, 168, 132],
  [122, 209, 81],
  [253, 231, 37],
];

/** The sequential colour at t in [0, 1] (clamped) as rgb(). */
export function sequential(t: number): string {
  const [r, g, b] = sequentialRgb(t);
  return `rgb(${r}, ${g}, ${b})`;
}

/** The sequential colour at t in [0, 1] (clamped) as [r, g, b], 0-255. */
export function sequentialRgb(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i];
  const b = STOPS[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** The decades the edge overlay spans: norms at or below 10^LOW look darkest, at or above 10^HIGH brightest. */
export const LOG_RANGE = { low: -6, high: 1 } as const;

/** Where a gradient norm sits on the overlay scale, in [0, 1]: (log10(norm) - low) / (high - low). */
export function scalePosition(norm: number): number {
  if (!(norm > 0)) return 0;
  const t = (Math.log10(norm) - LOG_RANGE.low) / (LOG_RANGE.high - LOG_RANGE.low);
  return Math.min(1, Math.max(0, t));
}

/** Scale positions used on the projector-friendly part of the palette: the darkest stop vanishes on the
 *  dark theme, the brightest on the light one, so each theme uses the 85 % that contrasts with it. */
export function themed(t: number, theme: 'dark' | 'light'): number {
  return theme === 'dark' ? 0.15 + 0.85 * t : 0.85 * t;
}

/** A norm as a short number for labels: 3.2e-4, 0.05, 12. */
export function fmtNorm(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 0.01 && a < 1000 ? v.toPrecision(2) : v.toExponential(1);
}
