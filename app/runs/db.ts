// Kept training runs in IndexedDB (database "backprop-studio-runs", store "runs", one record per run), so
// they survive a reload until deleted. Its own database: the graph autosave (model/persistence.ts) is
// separate and never waits on this. Every call resolves; a blocked or missing IndexedDB just keeps runs
// in memory for this page (reported once by the caller).
import type { RunRecord } from './types.ts';

const DB = 'backprop-studio-runs';
const STORE = 'runs';

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (opening) return opening;
  opening = new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB, 1);
    } catch {
      return resolve(null);
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  return open().then(
    (db) =>
      new Promise<T | null>((resolve) => {
        if (!db) return resolve(null);
        try {
          const tx = db.transaction(STORE, mode);
          const req = act(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(req.result);
          tx.onerror = () => resolve(null);
          tx.onabort = () => resolve(null);
        } catch {
          resolve(null);
        }
      }),
  );
}

/** Every stored run (oldest first), or [] when IndexedDB is unavailable. */
export async function loadRuns(): Promise<RunRecord[]> {
  const all = (await run('readonly', (s) => s.getAll() as IDBRequest<RunRecord[]>)) ?? [];
  return all.filter(isRun).sort((a, b) => a.createdAt - b.createdAt);
}

/** Writes (or replaces) one run; true when stored. */
export async function saveRun(r: RunRecord): Promise<boolean> {
  return (await run('readwrite', (s) => s.put(r))) !== null;
}

/** Deletes one run. */
export async function deleteRun(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
}

/** A stored value that is a usable run (an old or damaged record is skipped, not fatal). */
function isRun(v: unknown): v is RunRecord {
  const r = v as RunRecord | null;
  return (
    !!r &&
    typeof r.id === 'string' &&
    typeof r.label === 'string' &&
    Array.isArray(r.steps) &&
    Array.isArray(r.loss) &&
    r.steps.length === r.loss.length &&
    Array.isArray(r.valSteps) &&
    Array.isArray(r.valLoss)
  );
}
