import { describe, expect, it } from 'vitest';
import { migrate, parseGraphText, validateGraph, type Migration } from '../../graph-schema/index.ts';
import { chain, node } from './build.ts';

// A pretend history: version 0 named the Dense width "size" and had no positions. The real table is
// empty while version 1 is the only version; the mechanism is tested through this injected one.
const v0ToV1: Migration = (doc) => ({
  ...doc,
  nodes: (doc.nodes as Array<Record<string, unknown>>).map((n) => {
    const { size, ...params } = n.params as Record<string, unknown>;
    return { ...n, params: size === undefined ? params : { ...params, units: size } };
  }),
});
const history = { migrations: { 0: v0ToV1 }, current: 1 };

function v0Doc(): Record<string, unknown> {
  return { ...chain(node('in', 'Input', { shape: [2] }), node('d', 'Dense', { size: 3 })), version: 0 };
}

describe('migrate', () => {
  it('upgrades an old document step by step, without touching the original', () => {
    const old = v0Doc();
    const r = migrate(old, history);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const doc = r.doc as { version: number; nodes: Array<{ params: Record<string, unknown> }> };
    expect(doc.version).toBe(1);
    expect(doc.nodes[1].params).toEqual({ units: 3 });
    expect((old.nodes as Array<{ params: unknown }>)[1].params).toEqual({ size: 3 });
  });

  it('lets validation accept an upgraded document', () => {
    expect(validateGraph(v0Doc(), history).ok).toBe(true);
    expect(parseGraphText(JSON.stringify(v0Doc()), history).ok).toBe(true);
  });

  it('runs every step of a longer history in order', () => {
    const seen: number[] = [];
    const step =
      (from: number): Migration =>
      (doc) => {
        seen.push(from);
        return doc;
      };
    const r = migrate({ ...v0Doc(), version: 1 }, { migrations: { 1: step(1), 2: step(2) }, current: 3 });
    expect(r.ok && (r.doc as { version: number }).version).toBe(3);
    expect(seen).toEqual([1, 2]);
  });

  it('refuses a document from a newer build, saying so', () => {
    const r = migrate({ ...v0Doc(), version: 2 });
    expect(r.ok ? '' : r.error.message).toMatchInlineSnapshot(
      `"this graph uses format version 2, saved by a newer Backprop Studio; this build reads versions up to 1: update Backprop Studio to open it"`,
    );
  });

  it('refuses a version with no upgrade path', () => {
    const r = migrate(v0Doc()); // the real table has no step from 0
    expect(r.ok ? '' : r.error.message).toMatchInlineSnapshot(
      `"format version 0 is too old: this build cannot upgrade it (no step from 0)"`,
    );
  });

  it('says what it expects when format or version is wrong', () => {
    const msg = (doc: unknown) => {
      const r = migrate(doc);
      return r.ok ? '' : `${r.error.path}: ${r.error.message}`;
    };
    expect([
      msg({ nodes: [] }),
      msg({ format: 'keras', version: 1 }),
      msg({ format: 'backprop-studio.graph' }),
      msg({ format: 'backprop-studio.graph', version: '1' }),
      msg([1, 2]),
    ]).toMatchInlineSnapshot(`
      [
        "format: this is not a Backprop Studio graph: "format" must be "backprop-studio.graph", it is missing",
        "format: this is not a Backprop Studio graph: "format" must be "backprop-studio.graph", got "keras"",
        "version: "version" must be a whole number such as 1, it is missing",
        "version: "version" must be a whole number such as 1, got "1"",
        ": a graph must be a JSON object {...} with "format": "backprop-studio.graph", got [1,2]",
      ]
    `);
  });

  it('reports a failing step instead of throwing', () => {
    const boom: Migration = () => {
      throw new Error('nodes missing');
    };
    const r = migrate(v0Doc(), { migrations: { 0: boom }, current: 1 });
    expect(r.ok ? '' : r.error.message).toBe(
      'upgrading this graph from format version 0 failed: nodes missing',
    );
  });
});
