// Autosave that never loses work: write-then-swap, refused copies kept aside, recent graphs.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  AUTOSAVE_KEY,
  AUTOSAVE_NEXT_KEY,
  keepAside,
  MAX_RECENT,
  pushRecent,
  readAutosave,
  recentGraphs,
  rescuedCopies,
  writeAutosave,
} from '../../app/model/autosave.ts';
import { SEED_EXAMPLE } from '../../app/model/examples.ts';

/** A Storage backed by a Map, with an optional byte quota like a browser's. */
function memoryStorage(quota = Number.POSITIVE_INFINITY): Storage & { m: Map<string, string> } {
  const m = new Map<string, string>();
  const used = () => [...m.entries()].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    m,
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => {
      const grow = String(v).length + k.length - (m.has(k) ? m.get(k)!.length + k.length : 0);
      if (used() + grow > quota) {
        const e = new Error("Failed to execute 'setItem' on 'Storage': exceeded the quota.");
        e.name = 'QuotaExceededError';
        throw e;
      }
      m.set(k, String(v));
    },
  };
}

const hostile = (name: string) =>
  readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url), 'utf8');
const session = { graph: SEED_EXAMPLE, viewport: null, selection: { nodes: [], edges: [] } };

describe('reading the autosave', () => {
  test('a newer-version copy is refused with its version, and kept aside as it was', () => {
    const s = memoryStorage();
    const text = hostile('autosave-value-newer-version.txt');
    s.setItem(AUTOSAVE_KEY, text);
    const r = readAutosave(s, 1000);
    expect(r.kind).toBe('refused');
    if (r.kind !== 'refused') return;
    expect(r.copy.reason).toBe('newer');
    expect(r.copy.message).toContain('format version 2');
    expect(keepAside(s, r.copy)).toBe(true);
    expect(rescuedCopies(s)[0].text).toBe(text);
  });

  test('a schema-invalid copy (units 0) and a damaged one are refused with the reason', () => {
    const s = memoryStorage();
    s.setItem(AUTOSAVE_KEY, hostile('autosave-value-units0.txt'));
    const r = readAutosave(s);
    expect(r.kind === 'refused' && r.copy.reason).toBe('invalid');
    expect(r.kind === 'refused' && r.copy.message).toContain(
      'units must be a whole number from 1 to 4096, got 0',
    );
    s.setItem(AUTOSAVE_KEY, '{"graph": {"format": ');
    const d = readAutosave(s);
    expect(d.kind === 'refused' && d.copy.reason).toBe('damaged');
  });

  test('a deeply nested saved graph is refused by the bounds pass, not walked', () => {
    const s = memoryStorage();
    const deep = hostile('deep-unknown-key-depth100000.json');
    s.setItem(AUTOSAVE_KEY, `{"graph": ${deep}}`);
    const r = readAutosave(s);
    expect(r.kind === 'refused' && r.copy.message).toContain('levels deep (the limit is 64');
  });
});

describe('writing the autosave', () => {
  test('write-then-swap: a full storage keeps the last good copy and reports the quota', () => {
    const s = memoryStorage(3 * JSON.stringify(session).length);
    expect(writeAutosave(s, session).ok).toBe(true);
    const good = s.getItem(AUTOSAVE_KEY);
    const big = { ...session, graph: { ...SEED_EXAMPLE, name: 'x'.repeat(4 * good!.length) } };
    const r = writeAutosave(s, big);
    expect(r).toMatchObject({ ok: false, quota: true });
    expect(s.getItem(AUTOSAVE_KEY)).toBe(good);
    expect(s.getItem(AUTOSAVE_NEXT_KEY)).toBeNull();
    expect(readAutosave(s).kind).toBe('ok');
  });

  test('a swap interrupted after the side copy was written opens the side copy', () => {
    const s = memoryStorage();
    writeAutosave(s, session);
    const renamed = { ...session, graph: { ...SEED_EXAMPLE, name: 'newer edit' } };
    s.setItem(AUTOSAVE_NEXT_KEY, JSON.stringify(renamed));
    const r = readAutosave(s);
    expect(r.kind === 'ok' && r.session.graph.name).toBe('newer edit');
  });
});

describe('recent graphs', () => {
  test('keeps the newest first, without repeats, at most MAX_RECENT', () => {
    const s = memoryStorage();
    for (let i = 0; i < MAX_RECENT + 3; i++) {
      pushRecent(s, { name: `g${i}`, reason: 'Import', at: i, graph: { ...SEED_EXAMPLE, name: `g${i}` } });
    }
    pushRecent(s, {
      name: 'again',
      reason: 'Import',
      at: 99,
      graph: { ...SEED_EXAMPLE, name: `g${MAX_RECENT + 2}` },
    });
    const list = recentGraphs(s);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0].graph.name).toBe(`g${MAX_RECENT + 2}`);
    expect(list.map((r) => r.graph.name)).toEqual(
      Array.from({ length: MAX_RECENT }, (_, i) => `g${MAX_RECENT + 2 - i}`),
    );
  });

  test('with little room, fewer recent graphs are kept rather than none', () => {
    const one = JSON.stringify([{ name: 'a', reason: 'r', at: 0, graph: SEED_EXAMPLE }]).length;
    const s = memoryStorage(one * 2.5);
    for (let i = 0; i < 4; i++)
      pushRecent(s, { name: `g${i}`, reason: 'r', at: i, graph: { ...SEED_EXAMPLE, name: `g${i}` } });
    const list = recentGraphs(s);
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(list[0].graph.name).toBe('g3');
  });
});
