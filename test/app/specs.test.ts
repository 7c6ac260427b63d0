import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analysisOf } from '../../app/model/analysis.ts';
import { listExamples, SEED_EXAMPLE } from '../../app/model/examples.ts';
import { addNode, emptyGraph } from '../../app/model/graphOps.ts';
import { autoLayout, isCramped } from '../../app/model/layout.ts';
import { checkParamValue, DEFAULT_PARAMS, PARAM_SPECS, PALETTE_TYPES } from '../../app/model/paramSpecs.ts';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';

describe('inspector fields', () => {
  const units = PARAM_SPECS.Dense[0];
  test('numbers are range-checked with the reason', () => {
    expect(checkParamValue(units, '64')).toEqual({ ok: true, value: 64 });
    expect(checkParamValue(units, '0')).toEqual({ ok: false, reason: 'units must be from 1 to 4096' });
    expect(checkParamValue(units, '2.5')).toEqual({ ok: false, reason: 'units must be a whole number' });
    expect(checkParamValue(units, 'abc')).toEqual({ ok: false, reason: 'units must be a number' });
  });

  test('an Input shape is typed as a list of dimensions', () => {
    const shape = PARAM_SPECS.Input[0];
    expect(checkParamValue(shape, '20, 3')).toEqual({ ok: true, value: [20, 3] });
    expect(checkParamValue(shape, '[200]')).toEqual({ ok: true, value: [200] });
    expect(checkParamValue(shape, '1,2,3,4')).toMatchObject({ ok: false });
    expect(checkParamValue(shape, '0')).toMatchObject({ ok: false });
  });

  test('every palette type adds a node the format accepts', () => {
    for (const type of PALETTE_TYPES) {
      const g = addNode(emptyGraph(), type, { x: 0, y: 0 }).graph;
      const r = validateGraph(g);
      expect(r.graph, `${type}: ${JSON.stringify(DEFAULT_PARAMS[type])}`).not.toBeNull();
    }
  });
});

describe('examples and layout', () => {
  test('every examples/*.json opens in the gallery', () => {
    const files = readdirSync(new URL('../../examples', import.meta.url)).filter((f) => f.endsWith('.json'));
    const ids = listExamples().map((e) => e.id);
    for (const f of files) expect(ids).toContain(f.replace(/\.json$/, ''));
  });

  test('the seed classifier counts 1,136,641 parameters and is the example file, sizes and all', () => {
    expect(analysisOf(SEED_EXAMPLE).totalParams).toBe(1_136_641);
    const file = listExamples().find((e) => e.id === 'seed-imdb-bilstm')!.graph;
    const { description, ...rest } = file as typeof file & { description?: string };
    expect(description).toMatch(/spam/);
    expect(rest).toEqual(SEED_EXAMPLE);
  });

  test('auto-layout puts each node right of the one feeding it, with no overlaps', () => {
    const pos = autoLayout(SEED_EXAMPLE);
    for (const e of SEED_EXAMPLE.edges) expect(pos[e.target].x).toBeGreaterThan(pos[e.source].x);
    const laid = {
      ...SEED_EXAMPLE,
      nodes: SEED_EXAMPLE.nodes.map((n) => ({ ...n, position: pos[n.id] })),
    } as Graph;
    expect(isCramped(laid)).toBe(false);
  });
});

describe('analysis memo', () => {
  test('moving a node reuses the analysis; changing a param recomputes it', async () => {
    const { moveNodes, setParam } = await import('../../app/model/graphOps.ts');
    const a = analysisOf(SEED_EXAMPLE);
    const moved = moveNodes(SEED_EXAMPLE, { lstm1: { x: 999, y: 5 } });
    expect(analysisOf(moved)).toBe(a);
    const edited = setParam(moved, 'out', 'units', 3);
    expect(analysisOf(edited)).not.toBe(a);
    expect(analysisOf(edited).nodes.out.params).toBe(129 * 3);
  });
});
