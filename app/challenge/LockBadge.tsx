// The lock on a node card: a locked node, or the params of it a challenge locks, visible on the canvas.
import { useStudio } from '../store/store.ts';
import type { NodeAddonProps } from '../slots/nodeAddons.ts';
import { locksOf } from './locks.ts';

/** A "locked" line on nodes the challenge locks (text, not an emoji: projector machines often lack
 *  emoji fonts); nothing on others. */
export function LockBadge({ nodeId }: NodeAddonProps) {
  const text = useStudio((s) => locksOf(s.graph, nodeId));
  if (!text) return null;
  return (
    <div
      className="lock-badge small"
      data-testid={`node-lock-${nodeId}`}
      title="Set by the teacher's challenge"
    >
      {text}
    </div>
  );
}
