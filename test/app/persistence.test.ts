import { describe, expect, test } from 'vitest';
import { acceptGraphText, describeIssues } from '../../app/model/accept.ts';
import { SEED_EXAMPLE } from '../../app/model/examples.ts';
import {
  AUTOSAVE_KEY,
  graphFromHash,
  loadSession,
  saveSession,
  shareHash,
} from '../../app/model/persistence.ts';
import { formatGraphJson } from '../../app/json/format.ts';

/** A Storage backed by a Map (Node has no localStorage). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('share links', () => {
  test('a graph survives the #g= round trip exactly', () => {
    const hash = shareHash(SEED_EXAMPLE);
    expect(hash.startsWith('#g=')).toBe(true);
    expect(hash).toMatch(/^#g=[A-Za-z0-9+\-$_]+$/);
    expect(graphFromHash(hash)).toEqual({ ok: true, graph: SEED_EXAMPLE });
  });

  test('no hash means no shared graph; a damaged one says so', () => {
    expect(graphFromHash('')).toBeNull();
    expect(graphFromHash('#other=1')).toBeNull();
    const broken = graphFromHash('#g=@@@');
    expect(broken?.ok).toBe(false);
  });
});

describe('autosave', () => {
  test('graph, viewport, selection and theme come back', () => {
    const s = memoryStorage();
    const session = {
      graph: SEED_EXAMPLE,
      viewport: { x: 10, y: -4, zoom: 0.8 },
      selection: { nodes: ['lstm1'], edges: [] },
      theme: 'light' as const,
    };
    expect(saveSession(s, session)).toBe(true);
    expect(loadSession(s)).toEqual(session);
  });

  test('a corrupt or invalid autosave is ignored, not loaded', () => {
    const s = memoryStorage();
    s.setItem(AUTOSAVE_KEY, '{not json');
    expect(loadSession(s)).toBeNull();
    s.setItem(AUTOSAVE_KEY, JSON.stringify({ graph: { format: 'something else' } }));
    expect(loadSession(s)).toBeNull();
  });

  test('a full storage reports failure instead of throwing', () => {
    const s = memoryStorage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(saveSession(s, { graph: SEED_EXAMPLE, viewport: null, selection: { nodes: [], edges: [] } })).toBe(
      false,
    );
  });
});

describe('what the designer accepts', () => {
  test('an unfinished graph (a lone node) is accepted: its problems show on the canvas', () => {
    const text = JSON.stringify({
      format: 'backprop-studio.graph',
      version: 1,
      nodes: [{ id: 'd', type: 'Dense', params: { units: 3 } }],
      edges: [],
    });
    expect(acceptGraphText(text).ok).toBe(true);
  });

  test('an edge to a missing node is refused with where and what', () => {
    const text = JSON.stringify({
      format: 'backprop-studio.graph',
      version: 1,
      nodes: [{ id: 'd', type: 'Dense', params: { units: 3 } }],
      edges: [{ id: 'e1', source: 'd', target: 'ghost' }],
    });
    const r = acceptGraphText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(describeIssues(r.issues)).toContain('ghost');
  });

  test('not JSON, or not a graph, is refused', () => {
    expect(acceptGraphText('{').ok).toBe(false);
    expect(acceptGraphText('[1, 2]').ok).toBe(false);
  });
});

describe('the JSON tab layout', () => {
  test('is valid JSON of the same document, one node per line', () => {
    const text = formatGraphJson(SEED_EXAMPLE);
    expect(JSON.parse(text)).toEqual(SEED_EXAMPLE);
    const nodeLines = text.split('\n').filter((l) => l.includes('"params": '));
    expect(nodeLines).toHaveLength(SEED_EXAMPLE.nodes.length);
    expect(text.split('\n').length).toBeLessThan(35);
  });
});
