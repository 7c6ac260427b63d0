// What a challenge's locks forbid, as a pure check of one edit (current graph -> next graph). The store
// runs it before every graph edit; the message says what is locked, for a student.
import type { Graph } from '../../graph-schema/schema.ts';

/** Edits whose label starts with this come from the teacher's Challenge dialog, the one place allowed to
 *  change or remove the challenge itself. */
export const TEACHER_LABEL = 'Challenge: ';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sourcesOf(g: Graph, id: string): string[] {
  return g.edges
    .filter((e) => e.target === id)
    .map((e) => e.source)
    .sort();
}

/** Why `next` breaks a lock of `current`'s challenge, or null when the edit is allowed. */
export function lockViolation(label: string, next: Graph, current: Graph): string | null {
  const c = current.challenge;
  if (!c) return null;
  if (!label.startsWith(TEACHER_LABEL) && !same(next.challenge, c)) {
    return "the challenge's settings can only be changed in the Challenge dialog";
  }
  const nodeIn = (g: Graph, id: string) => g.nodes.find((n) => n.id === id);
  for (const id of c.lockedNodes) {
    const before = nodeIn(current, id);
    if (!before) continue;
    const after = nodeIn(next, id);
    if (!after) return `node "${id}" is locked by the challenge: it cannot be deleted`;
    if (after.type !== before.type || !same(after.params, before.params)) {
      return `node "${id}" is locked by the challenge: its settings cannot change`;
    }
    if (!same(sourcesOf(next, id), sourcesOf(current, id))) {
      return `node "${id}" is locked by the challenge: its inputs cannot be rewired`;
    }
  }
  for (const [id, params] of Object.entries(c.lockedParams)) {
    const before = nodeIn(current, id);
    if (!before) continue;
    const after = nodeIn(next, id);
    if (!after) return `node "${id}" has locked settings: it cannot be deleted`;
    const b = before.params as Record<string, unknown>;
    const a = after.params as Record<string, unknown>;
    const changed = params.find((p) => !same(a[p], b[p]));
    if (changed) return `"${changed}" of node "${id}" is locked by the challenge`;
  }
  return null;
}

/** Every lock on a node, for its badge: "locked" or the locked param names. */
export function locksOf(g: Graph, nodeId: string): string | null {
  const c = g.challenge;
  if (!c) return null;
  if (c.lockedNodes.includes(nodeId)) return 'locked';
  const params = c.lockedParams[nodeId];
  return params && params.length > 0 ? `locked: ${params.join(', ')}` : null;
}
