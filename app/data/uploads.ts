// The user's uploaded data files, kept in localStorage so a reload keeps them. A graph refers to one as
// training.dataset.id = "upload:<file name>"; the text itself never goes into the graph JSON.
import type { UploadKind } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const KEY = 'backprop-studio.uploads';
/** Largest file kept (characters); localStorage holds about 5 MB per site in total. */
export const MAX_UPLOAD_CHARS = 2_000_000;

/** One stored upload. */
export interface StoredUpload {
  name: string;
  kind: UploadKind;
  text: string;
}

/** The dataset id a graph uses for an upload. */
export function uploadId(name: string): string {
  return `upload:${name}`;
}

/** Every stored upload by name (an unreadable store counts as empty). */
export function readUploads(storage: Storage = localStorage): Record<string, StoredUpload> {
  try {
    const raw = storage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Record<string, StoredUpload>) : {};
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Stores an upload; false when the browser refuses (storage full or blocked). */
export function saveUpload(u: StoredUpload, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(KEY, JSON.stringify({ ...readUploads(storage), [u.name]: u }));
    return true;
  } catch {
    return false;
  }
}

/** Forgets an upload. */
export function removeUpload(name: string, storage: Storage = localStorage): void {
  const all = readUploads(storage);
  delete all[name];
  storage.setItem(KEY, JSON.stringify(all));
}

/** The stored upload a dataset id names ("upload:<name>"), or null. */
export function uploadFor(datasetId: string, storage: Storage = localStorage): StoredUpload | null {
  if (!datasetId.startsWith('upload:')) return null;
  return readUploads(storage)[datasetId.slice('upload:'.length)] ?? null;
}

/**
 * What kind of file this is for the graph: a .csv feeding token ids (or one-hot sequences) is
 * text,label; a .csv feeding a feature vector is numeric; anything else is plain text for a char LM.
 */
export function uploadKindFor(fileName: string, graph: Graph): UploadKind {
  if (!/\.csv$/i.test(fileName)) return 'text';
  const input = graph.nodes.find((n) => n.type === 'Input');
  const p = (input?.params ?? {}) as { dtype?: string; shape?: number[] };
  return p.dtype === 'int32' || (p.shape?.length ?? 0) === 2 ? 'text-csv' : 'csv';
}
