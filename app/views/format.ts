// Number formatting for the views: 3 significant digits, exponent notation for very small or large.

/** A number as a student reads it: 0.123, -4.56, 1.2e-5. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

/** A token as shown in a table: visible space and newline. */
export function showToken(t: string): string {
  if (t === ' ') return '␣';
  if (t === '\n') return '↵';
  if (t === '') return '∅';
  return t;
}
