// The node cards' boxes in flow coordinates, read from React Flow's store as one string so that an edge
// re-renders only when some card actually moved or changed size.
import { useStore } from '@xyflow/react';
import { useMemo } from 'react';
import type { Rect } from './labelPlacement.ts';

/** Every measured card's box (flow px). */
export function useCardRects(): Rect[] {
  const key = useStore((s) => {
    const parts: string[] = [];
    for (const n of s.nodeLookup.values()) {
      const p = n.internals.positionAbsolute;
      const w = n.measured.width;
      const h = n.measured.height;
      if (w && h) parts.push(`${p.x},${p.y},${w},${h}`);
    }
    return parts.join(';');
  });
  return useMemo(
    () =>
      key
        ? key.split(';').map((s) => {
            const [x, y, w, h] = s.split(',').map(Number);
            return { x, y, w, h };
          })
        : [],
    [key],
  );
}
