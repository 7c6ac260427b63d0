// Graph documents, generated and mutated: every one gets a structured result (ok, or issues with a
// path and a message), never an exception, a hang or a polluted prototype. Covers deep nesting in any
// field at any depth up to and past the cap, huge arrays, wrong types, NaN/Infinity strings, -0, 1e308,
// duplicate keys and ids, a BOM, invalid UTF-8, __proto__ anywhere and 10 kB ids.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptGraphText } from '../../app/model/accept.ts';
import { readAutosave } from '../../app/model/autosave.ts';
import { graphFromHash, shareHash } from '../../app/model/persistence.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { checkTrainingMemory } from '../../engine/train/memory.ts';
import { exportGraph } from '../../engine/export/index.ts';
import { DOCUMENT_LIMITS, parseGraphText, validateGraph } from '../../graph-schema/index.ts';
import { allPaths, validGraph } from '../graph-schema/arbitraries.ts';
import { params, TEST_TIMEOUT_MS } from './settings.ts';

type Doc = Record<string, unknown>;

afterEach(() => {
  // nothing a document said may have reached Object.prototype
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Structured: ok, or a non-empty list of issues each with a string path and message. */
function expectStructured(r: { ok: boolean; issues?: Array<{ path: string; message: string }> }): void {
  if (r.ok) return;
  expect(r.issues!.length).toBeGreaterThan(0);
  for (const i of r.issues!) {
    expect(typeof i.path).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.message).not.toMatch(/internal error/);
  }
}

/** Every entry point a document reaches. None may throw. */
function everyEntryPoint(text: string): void {
  const parsed = parseGraphText(text);
  expectStructured(parsed);
  const accepted = acceptGraphText(text);
  expectStructured(accepted);
  const a = analyzeGraph(parsed.ok ? parsed.graph : safeParse(text));
  for (const d of a.diagnostics) expect(d.internal).toBeUndefined();
  if (a.ok) checkTrainingMemory(a);
  if (parsed.ok && a.ok) {
    const e = exportGraph(parsed.graph, 'pytorch');
    expect(typeof e.ok).toBe('boolean');
  }
  const store = new Map([['backprop-studio:autosave:v1', `{"graph": ${text}}`]]);
  readAutosave({ getItem: (k: string) => store.get(k) ?? null } as Storage);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '-0', '', '\u0000', '__proto__'),
  fc.constantFrom(-0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
  fc.constantFrom(null, true, false, [], {}, [[[]]], { __proto__x: 1 }),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant('x'.repeat(10_240)), // a 10 kB id or name
);

/** Nested arrays/objects `depth` deep, around `leaf`. */
function nest(depth: number, leaf: unknown, asObject: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { k: v } : [v];
  return v;
}

/** Replaces the value at `path` in a copy of `doc`. */
function setAt(doc: Doc, path: Array<string | number>, value: unknown): Doc {
  const copy = structuredClone(doc);
  if (path.length === 0) return copy;
  let o: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
  return copy;
}

const mutated = validGraph.chain((doc) => {
  const paths = allPaths(doc).filter((p) => p.length > 0);
  return fc.record({
    doc: fc.constant(doc),
    path: fc.constantFrom(...paths),
    kind: fc.constantFrom('weird', 'deep', 'wide', 'proto', 'dupId', 'dupKey'),
    value: weird,
    depth: fc.integer({ min: 1, max: DOCUMENT_LIMITS.maxDepth + 40 }),
    asObject: fc.boolean(),
  });
});

/** The text of one mutation (some mutations only exist as text: duplicate keys, __proto__ keys). */
function mutationText(m: {
  doc: Doc;
  path: Array<string | number>;
  kind: string;
  value: unknown;
  depth: number;
  asObject: boolean;
}): string {
  switch (m.kind) {
    case 'weird':
      return JSON.stringify(setAt(m.doc, m.path, m.value));
    case 'deep':
      return JSON.stringify(setAt(m.doc, m.path, nest(m.depth, m.value, m.asObject)));
    case 'wide':
      return JSON.stringify(
        setAt(
          m.doc,
          m.path,
          Array.from({ length: DOCUMENT_LIMITS.maxArrayItems + 5 }, () => 0),
        ),
      );
    case 'proto': {
      const marked = JSON.stringify(setAt(m.doc, m.path, { polluted: 1, MARK: 1 }));
      return marked.replace('"MARK":1', '"__proto__":{"polluted":1}');
    }
    case 'dupId': {
      const d = structuredClone(m.doc) as { nodes: Array<{ id: string }> };
      if (d.nodes.length > 1) d.nodes[1].id = d.nodes[0].id;
      return JSON.stringify(d);
    }
    default: {
      // the same key twice in the top object: JSON.parse keeps the last
      const text = JSON.stringify(m.doc);
      return `{"nodes": 5,${text.slice(1)}`;
    }
  }
}

describe('graph documents, generated and mutated', () => {
  it(
    'valid graphs pass every entry point and survive a share link round trip',
    () => {
      fc.assert(
        fc.property(validGraph, (doc) => {
          const text = JSON.stringify(doc);
          everyEntryPoint(text);
          const r = parseGraphText(text);
          if (r.ok) expect(graphFromHash(shareHash(r.graph))).toEqual({ ok: true, graph: r.graph });
        }),
        params,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'mutated graphs get a structured result from every entry point',
    () => {
      fc.assert(
        fc.property(mutated, (m) => {
          everyEntryPoint(mutationText(m));
        }),
        params,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'nesting past the cap is refused naming the depth and the limit, at any place',
    () => {
      fc.assert(
        fc.property(mutated, (m) => {
          const depth = DOCUMENT_LIMITS.maxDepth + 1 + (m.depth % 50);
          const text = JSON.stringify(setAt(m.doc, m.path, nest(depth, 1, m.asObject)));
          const r = parseGraphText(text);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.issues[0].message).toMatch(/nested \d+ levels deep \(the limit is 64/);
        }),
        params,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'arbitrary text and bytes (a BOM, invalid UTF-8 decoded, binary) never throw',
    () => {
      const bytes = fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b));
      const text = fc.oneof(
        fc.string({ maxLength: 400 }),
        bytes,
        validGraph.map((d) => `\ufeff${JSON.stringify(d)}`),
        validGraph.map((d) => JSON.stringify(d).slice(0, 37)),
      );
      fc.assert(
        fc.property(text, (t) => {
          everyEntryPoint(t);
          const hash = graphFromHash(`#g=${t}`);
          if (hash) expectStructured(hash);
        }),
        params,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it('values from code (not text) are bounded too: cyclic and deep objects give issues', () => {
    const cyclic: Doc = { format: 'backprop-studio.graph', version: 1, nodes: [], edges: [] };
    (cyclic.nodes as unknown[]).push(cyclic);
    expectStructured(validateGraph(cyclic));
    expect(analyzeGraph(cyclic).diagnostics[0].internal).toBeUndefined();
  });
});
