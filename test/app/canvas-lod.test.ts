// Level of detail and edge-label placement on the canvas (issue 11): text scale from zoom, and labels
// placed where no card hides them.
import { describe, expect, test } from 'vitest';
import { intersects, placeLabel, type Rect } from '../../app/canvas/labelPlacement.ts';
import { MAX_SCALE, minTextPx, textScale } from '../../app/canvas/lod.ts';

describe('textScale', () => {
  test('is 1 when the text is already large enough on screen', () => {
    expect(textScale(13, 1, 11)).toBe(1);
    expect(textScale(13, 2, 14)).toBe(1);
  });
  test('scales text so that base x zoom x scale reaches the minimum', () => {
    const k = textScale(13, 0.5, 14);
    expect(13 * 0.5 * k).toBeCloseTo(14, 10);
  });
  test('is capped (cards never widen into their neighbours) and safe for a zero zoom', () => {
    expect(textScale(13, 0.05, 14)).toBe(MAX_SCALE);
    expect(textScale(13, 0, 14)).toBe(1);
  });
  test('presenter mode asks for larger text than the editing view', () => {
    expect(minTextPx(true)).toBeGreaterThan(minTextPx(false));
    expect(minTextPx(true)).toBeGreaterThanOrEqual(12);
  });
});

// Two cards side by side with a 44 px gap, as the examples lay them out (280 px apart, 236 px wide).
const left: Rect = { x: 0, y: 0, w: 236, h: 80 };
const right: Rect = { x: 280, y: 0, w: 236, h: 80 };

describe('placeLabel', () => {
  test('keeps the midpoint when the label fits between the cards', () => {
    expect(placeLabel({ x: 258, y: 30 }, { w: 30, h: 16 }, [left, right])).toEqual({ x: 258, y: 30 });
  });
  test('moves a label wider than the gap above the cards, clear by the gap', () => {
    const at = placeLabel({ x: 258, y: 30 }, { w: 90, h: 20 }, [left, right], 6);
    expect(at).toEqual({ x: 258, y: -16 });
    const box = { x: at.x - 45, y: at.y - 10, w: 90, h: 20 };
    expect(intersects(box, left) || intersects(box, right)).toBe(false);
  });
  test('goes below when a card above blocks the upper spot', () => {
    const above: Rect = { x: 200, y: -60, w: 120, h: 55 };
    const at = placeLabel({ x: 258, y: 30 }, { w: 90, h: 20 }, [left, right, above], 6);
    expect(at).toEqual({ x: 258, y: 96 });
  });
  test('finds a free spot in a crowded column', () => {
    const stack: Rect[] = [];
    for (let i = -5; i <= 5; i++) stack.push({ x: 200, y: i * 100, w: 120, h: 95 });
    const at = placeLabel({ x: 258, y: 30 }, { w: 40, h: 20 }, stack, 6);
    const box = { x: at.x - 20, y: at.y - 10, w: 40, h: 20 };
    for (const c of stack) expect(intersects(box, c)).toBe(false);
  });
  test('touching boxes do not intersect; overlapping ones do', () => {
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 5, h: 5 })).toBe(false);
    expect(intersects({ x: 0, y: 0, w: 10, h: 10 }, { x: 9, y: 9, w: 5, h: 5 })).toBe(true);
  });
});
