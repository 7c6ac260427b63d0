// Uploaded files kept in browser storage: kind from the file name and the graph's Input, round trip,
// an unreadable store counts as empty, a full store says so instead of throwing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUploads, removeUpload, saveUpload, uploadFor, uploadKindFor } from '../../app/data/uploads.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const example = (name: string): Graph =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));

/** A Map-backed Storage; `quota` characters at most (then setItem throws like a full browser store). */
function memoryStorage(quota = Infinity): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => {
      if (v.length > quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
      m.set(k, v);
    },
  };
}

describe('uploads', () => {
  it('decides the kind from the extension and the Input', () => {
    expect(uploadKindFor('points.CSV', example('mlp-spirals'))).toBe('csv');
    expect(uploadKindFor('reviews.csv', example('vanishing-rnn-recall'))).toBe('text-csv');
    expect(uploadKindFor('poem.txt', example('char-lstm-names'))).toBe('text');
    expect(uploadKindFor('notes', example('mlp-spirals'))).toBe('text');
  });

  it('stores, finds by dataset id, and forgets an upload', () => {
    const s = memoryStorage();
    expect(saveUpload({ name: 'a.csv', kind: 'csv', text: '1,2,0\n' }, s)).toBe(true);
    expect(uploadFor('upload:a.csv', s)?.text).toBe('1,2,0\n');
    expect(uploadFor('builtin:spirals', s)).toBeNull();
    removeUpload('a.csv', s);
    expect(readUploads(s)).toEqual({});
  });

  it('treats a corrupt store as empty and reports a full one', () => {
    const s = memoryStorage(50);
    s.setItem('backprop-studio.uploads', '{not json');
    expect(readUploads(s)).toEqual({});
    expect(saveUpload({ name: 'big.txt', kind: 'text', text: 'x'.repeat(100) }, s)).toBe(false);
  });
});
