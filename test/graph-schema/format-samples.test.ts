// Old files keep opening: a stored sample of every format version (test/fixtures/format-samples/v<N>.json,
// one added with each version bump) and every example load with the current build, after migration.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, OLDEST_VERSION, parseGraphText } from '../../graph-schema/index.ts';

const dir = new URL('../fixtures/format-samples/', import.meta.url);
const samples = readdirSync(dir).filter((f) => /^v\d+\.json$/.test(f));
const examples = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));

describe('stored samples of each format version', () => {
  it('there is a sample for every version this build reads', () => {
    const versions = samples.map((f) => Number(f.slice(1, -5))).sort((a, b) => a - b);
    const expected = Array.from(
      { length: CURRENT_VERSION - OLDEST_VERSION + 1 },
      (_, i) => OLDEST_VERSION + i,
    );
    expect(versions).toEqual(expected);
  });

  for (const f of samples) {
    it(`${f} opens and is migrated to version ${CURRENT_VERSION}`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const r = parseGraphText(text);
      expect(r.ok ? [] : r.issues).toEqual([]);
      if (r.ok) expect(r.graph.version).toBe(CURRENT_VERSION);
    });
  }

  for (const f of examples) {
    it(`example ${f} opens`, () => {
      const r = parseGraphText(readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8'));
      expect(r.ok ? [] : r.issues).toEqual([]);
    });
  }
});
