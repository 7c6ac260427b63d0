// Every rnn_*, lstm_*, gru_* PyTorch reference case, in float32 (README tolerances) and float64 (~1e-9).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRecurrentCase } from '../../../engine/reference/recurrent.ts';

const CASES_DIR = fileURLToPath(new URL('../../reference/cases/', import.meta.url));
const files = readdirSync(CASES_DIR)
  .filter((f) => /^(rnn|lstm|gru)_.*\.json$/.test(f))
  .sort();

/** Walk expected and collect every numeric mismatch beyond atol + rtol·|expected|. */
function mismatches(actual: unknown, expected: unknown, rtol: number, atol: number, path = ''): string[] {
  if (typeof expected === 'number') {
    const a = actual as number;
    const ok = typeof a === 'number' && Math.abs(a - expected) <= atol + rtol * Math.abs(expected);
    return ok ? [] : [`${path}: got ${a}, expected ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: length differs`];
    return expected.flatMap((e, i) => mismatches(actual[i], e, rtol, atol, `${path}[${i}]`));
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown> | undefined;
  if (a === undefined || a === null) return [`${path}: missing`];
  if (Array.isArray(e.shape) && JSON.stringify(a.shape) !== JSON.stringify(e.shape)) {
    return [`${path}: shape [${a.shape}] instead of [${e.shape}]`];
  }
  return Object.keys(e)
    .filter((k) => k !== 'shape')
    .flatMap((k) => mismatches(a[k], e[k], rtol, atol, `${path}.${k}`));
}

describe('recurrent reference cases', () => {
  it('has all 22 recurrent cases of shared/reference', () => {
    expect(files.length).toBe(22);
  });

  for (const file of files) {
    const c = JSON.parse(readFileSync(CASES_DIR + file, 'utf8'));
    it(`${c.case} float32`, () => {
      const { expected, ...input } = c;
      const actual = runRecurrentCase(input, 'float32');
      expect(mismatches(actual, expected, 1e-4, 1e-5)).toEqual([]);
    });
    it(`${c.case} float64`, () => {
      const { expected, ...input } = c;
      const actual = runRecurrentCase(input, 'float64');
      expect(mismatches(actual, expected, 1e-9, 1e-12)).toEqual([]);
    });
  }

  it('returns exactly the keys the case expects', () => {
    for (const file of files) {
      const c = JSON.parse(readFileSync(CASES_DIR + file, 'utf8'));
      const actual = runRecurrentCase(c, 'float64') as Record<string, Record<string, unknown>>;
      expect(Object.keys(actual).sort(), c.case).toEqual(Object.keys(c.expected).sort());
      expect(Object.keys(actual.outputs).sort(), c.case).toEqual(Object.keys(c.expected.outputs).sort());
      expect(Object.keys(actual.grads).sort(), c.case).toEqual(Object.keys(c.expected.grads).sort());
    }
  });

  it('explains a missing parameter', () => {
    const c = JSON.parse(readFileSync(CASES_DIR + 'gru_b3_t5_i4_h3.json', 'utf8'));
    delete c.params.b_hh;
    expect(() => runRecurrentCase(c, 'float32')).toThrow(
      'gru_b3_t5_i4_h3: params.b_hh is missing or not a tensor',
    );
  });
});
