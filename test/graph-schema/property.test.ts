// Property-based tests: valid graphs survive a round trip unchanged; corrupted graphs give issues,
// never exceptions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGraphText, validateGraph } from '../../graph-schema/index.ts';
import { analyzeGraph } from '../../engine/shapes/index.ts';
import { allPaths, parentOf, validGraph } from './arbitraries.ts';

type Doc = Record<string, unknown>;
const runs = { numRuns: 100 };

/** A result is well formed: ok, or a non-empty list of issues with a path and a sentence each. */
function expectWellFormed(doc: unknown): void {
  const r = parseGraphText(JSON.stringify(doc));
  if (!r.ok) {
    expect(r.issues.length).toBeGreaterThan(0);
    for (const i of r.issues) {
      expect(typeof i.path).toBe('string');
      expect(i.message.length).toBeGreaterThan(10);
    }
  }
  const a = analyzeGraph(doc);
  expect(a.ok).toBe(a.diagnostics.length === 0);
  expect(Number.isFinite(a.totalParams)).toBe(true);
}

function mustFail(doc: unknown): string[] {
  const r = parseGraphText(JSON.stringify(doc));
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.issues.map((i) => i.message);
}

describe('valid graphs', () => {
  it('survive serialize -> parse -> validate unchanged', () => {
    fc.assert(
      fc.property(validGraph, (doc) => {
        const r = parseGraphText(JSON.stringify(doc));
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        expect(r.graph).toEqual(doc);
        const again = validateGraph(JSON.parse(JSON.stringify(r.graph)));
        expect(again.ok && again.graph).toEqual(doc);
      }),
      runs,
    );
  });
});

describe('corrupted graphs give issues, never exceptions', () => {
  it('any value replaced by any JSON value', () => {
    fc.assert(
      fc.property(validGraph, fc.nat(), fc.jsonValue(), (doc, pick, value) => {
        const paths = allPaths(doc);
        const path = paths[pick % paths.length];
        parentOf(doc, path)[path[path.length - 1]] = value;
        expectWellFormed(doc);
      }),
      runs,
    );
  });

  it('any key deleted', () => {
    fc.assert(
      fc.property(validGraph, fc.nat(), (doc, pick) => {
        const paths = allPaths(doc);
        const path = paths[pick % paths.length];
        const parent = parentOf(doc, path);
        if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
        else delete parent[path[path.length - 1]];
        expectWellFormed(doc);
      }),
      runs,
    );
  });

  it('required keys deleted or given the wrong type', () => {
    const required = (doc: Doc, k: number) => {
      const nodes = doc.nodes as Doc[];
      const n = nodes[k % nodes.length];
      return [
        [doc, 'format'],
        [doc, 'nodes'],
        [n, 'id'],
        [n, 'type'],
        [(doc.edges as Doc[])[0], 'target'],
      ] as Array<[Doc, string]>;
    };
    fc.assert(
      fc.property(validGraph, fc.nat(), fc.nat(), fc.boolean(), (doc, k, which, remove) => {
        const list = required(doc, k);
        const [obj, key] = list[which % list.length];
        if (remove) delete obj[key];
        else obj[key] = 12345;
        mustFail(doc);
      }),
      runs,
    );
  });

  it('dangerous keys anywhere', () => {
    fc.assert(
      fc.property(
        validGraph,
        fc.nat(),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        (doc, pick, key) => {
          const objects = [
            doc,
            ...allPaths(doc)
              .map((p) => parentOf(doc, [...p, 'x']))
              .filter((o) => typeof o === 'object' && o !== null && !Array.isArray(o)),
          ];
          const target = objects[pick % objects.length];
          Object.defineProperty(target, key, {
            value: { polluted: true },
            enumerable: true,
            configurable: true,
          });
          const messages = mustFail(doc);
          expect(messages.some((m) => m.includes(`"${key}"`))).toBe(true);
          expect(({} as Doc).polluted).toBeUndefined();
        },
      ),
      runs,
    );
  });

  it('self-loops and cycles', () => {
    fc.assert(
      fc.property(validGraph, fc.nat(), fc.boolean(), (doc, pick, selfLoop) => {
        const ids = (doc.nodes as Doc[]).map((n) => n.id as string);
        const last = ids[ids.length - 1];
        const target = selfLoop ? ids[pick % ids.length] : ids[pick % (ids.length - 1)];
        const source = selfLoop ? target : last;
        (doc.edges as Doc[]).push({ id: 'zz_extra', source, target });
        const messages = mustFail(doc);
        expect(messages.some((m) => m.includes('cannot loop back'))).toBe(true);
      }),
      runs,
    );
  });

  it('random extra edges between random names', () => {
    fc.assert(
      fc.property(
        validGraph,
        fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }))),
        (doc, extra) => {
          for (const [i, [s, t]] of extra.entries())
            (doc.edges as Doc[]).push({ id: `x${i}`, source: s, target: t });
          expectWellFormed(doc);
        },
      ),
      runs,
    );
  });
});
