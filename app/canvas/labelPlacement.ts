// Where an edge label goes so that it never sits under a node card: at the edge's midpoint when that is
// free, else straight above or below the cards in its way (whichever is nearer), else the nearest free
// spot found by widening the search. Pure (flow coordinates in, flow coordinates out), unit-tested.

/** An axis-aligned box: top-left corner and size, in flow px. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** True when the two boxes overlap (touching edges do not count). */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function boxAt(cx: number, cy: number, w: number, h: number): Rect {
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

function free(box: Rect, cards: Rect[]): boolean {
  return cards.every((c) => !intersects(box, c));
}

/** Centre for a w x h label whose preferred centre is `mid`, clear of every card by `gap` px. */
export function placeLabel(
  mid: { x: number; y: number },
  size: { w: number; h: number },
  cards: Rect[],
  gap = 6,
): { x: number; y: number } {
  const { w, h } = size;
  if (free(boxAt(mid.x, mid.y, w, h), cards)) return mid;
  // Candidate rows: just above or just below each card that shares the label's column.
  const ys: number[] = [];
  for (const c of cards) {
    if (mid.x + w / 2 <= c.x || mid.x - w / 2 >= c.x + c.w) continue;
    ys.push(c.y - gap - h / 2, c.y + c.h + gap + h / 2);
  }
  ys.sort((a, b) => Math.abs(a - mid.y) - Math.abs(b - mid.y));
  for (const y of ys) if (free(boxAt(mid.x, y, w, h), cards)) return { x: mid.x, y };
  // Crowded: search outward on a widening ring of positions.
  for (let r = 1; r <= 40; r++) {
    const d = r * Math.max(h, 10);
    for (const [dx, dy] of [
      [0, -d],
      [0, d],
      [-d, 0],
      [d, 0],
      [-d, -d],
      [d, -d],
      [-d, d],
      [d, d],
    ]) {
      if (free(boxAt(mid.x + dx, mid.y + dy, w, h), cards)) return { x: mid.x + dx, y: mid.y + dy };
    }
  }
  return mid;
}
