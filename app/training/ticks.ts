// Tick labels for the loss chart: short enough that an axis never cuts them ("000,000,000"), and
// readable on a log scale down to tiny losses (1e-5 rather than 0.00001 or a blank).

/** A tick value as a short label: 0, 0.25, 1e-4, 12, 3.5k, 1.2M. */
export function fmtTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e12) return v.toExponential(Number.isInteger(Math.log10(a)) ? 0 : 1).replace('e+', 'e');
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  if (a < 0.01) return v.toExponential(Number.isInteger(Math.log10(a)) ? 0 : 1);
  return trim(v);
}

/** Up to 3 significant decimals without trailing zeros. */
function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Width in px an axis needs for its labels (widest label + tick gap + room for the axis title). */
export function axisWidth(labels: string[], measure: (s: string) => number, titled: boolean): number {
  let w = 0;
  for (const s of labels) w = Math.max(w, measure(s));
  return Math.ceil(w + 14 + (titled ? 22 : 0));
}

/** Whole-number tick steps (1, 2, 5, 10, 20, 50, ...) for axes that count steps or examples. */
export const WHOLE_INCRS: number[] = [];
for (let e = 0; e <= 12; e++) for (const m of [1, 2, 5]) WHOLE_INCRS.push(m * 10 ** e);

/** On a log axis, only powers of ten get a label (the grid keeps its minor lines). */
export function logLabels(splits: number[]): string[] {
  return splits.map((v) =>
    v > 0 && Number.isInteger(Math.round(Math.log10(v) * 1e6) / 1e6) ? fmtTick(v) : '',
  );
}
