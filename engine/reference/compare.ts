// Compares an engine `actual` with a case's `expected`, value by value, with |a - e| <= atol + rtol·|e|.
// Walks `expected` so every expected value must be present in `actual`.

/** One value that is out of tolerance (or missing). */
export interface Mismatch {
  path: string;
  expected: number | string;
  actual: number | string;
}

/** Summary of a comparison. */
export interface Comparison {
  mismatches: Mismatch[];
  /** the largest |actual - expected| over all compared numbers */
  maxAbsError: number;
  /** how many numbers were compared */
  compared: number;
}

/** Compares recursively; tensors ({shape, data}) compare shape exactly and data elementwise. */
export function compareCase(expected: unknown, actual: unknown, rtol: number, atol: number): Comparison {
  const out: Comparison = { mismatches: [], maxAbsError: 0, compared: 0 };
  walk(expected, actual, '', rtol, atol, out);
  return out;
}

function walk(e: unknown, a: unknown, path: string, rtol: number, atol: number, out: Comparison): void {
  if (typeof e === 'number') {
    if (typeof a !== 'number') {
      out.mismatches.push({ path, expected: e, actual: String(a) });
      return;
    }
    const err = Math.abs(a - e);
    out.compared++;
    if (err > out.maxAbsError || Number.isNaN(err)) out.maxAbsError = Number.isNaN(err) ? Infinity : err;
    if (!(err <= atol + rtol * Math.abs(e))) out.mismatches.push({ path, expected: e, actual: a });
    return;
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a) || a.length !== e.length) {
      out.mismatches.push({
        path,
        expected: `array of ${e.length}`,
        actual: Array.isArray(a) ? `array of ${a.length}` : String(a),
      });
      return;
    }
    for (let i = 0; i < e.length; i++) walk(e[i], a[i], `${path}[${i}]`, rtol, atol, out);
    return;
  }
  if (typeof e === 'object' && e !== null) {
    if (typeof a !== 'object' || a === null) {
      out.mismatches.push({ path, expected: 'object', actual: String(a) });
      return;
    }
    const ao = a as Record<string, unknown>;
    if ('shape' in e && JSON.stringify((e as { shape: unknown }).shape) !== JSON.stringify(ao.shape)) {
      out.mismatches.push({
        path: `${path}.shape`,
        expected: JSON.stringify((e as { shape: unknown }).shape),
        actual: JSON.stringify(ao.shape),
      });
      return;
    }
    for (const [k, v] of Object.entries(e)) {
      if (k === 'dtype') continue;
      walk(v, ao[k], path ? `${path}.${k}` : k, rtol, atol, out);
    }
    return;
  }
  if (e !== a) out.mismatches.push({ path, expected: String(e), actual: String(a) });
}
