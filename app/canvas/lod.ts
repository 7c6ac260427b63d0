// Level of detail for canvas cards and edge labels: whatever the zoom, text renders at least MIN px on
// screen. Below that zoom a card switches to its compact form (type, output shape, gradient chip) with
// its type scaled up, so a fitted graph on a 1280x720 projector stays readable from the back row.
import { useStore } from '@xyflow/react';
import { useView } from '../store/view.ts';

/** Smallest on-screen size of card and label text in px: presenter mode asks for more. */
export function minTextPx(presenter: boolean): number {
  return presenter ? 14 : 11;
}

/** Largest text scale: beyond it a card's type name no longer fits its fixed width (cards never widen,
 *  so they cannot grow into their neighbours); presenter mode never fits below zoom 0.45 (bridge.ts). */
export const MAX_SCALE = 2.4;

/** Scale factor for text of `basePx` (its size at zoom 1) so it renders at >= minPx on screen. */
export function textScale(basePx: number, zoom: number, minPx: number): number {
  if (!(zoom > 0)) return 1;
  return Math.min(MAX_SCALE, Math.max(1, minPx / (basePx * zoom)));
}

/** Base (zoom 1) size of the smallest text a compact card keeps (its shape line) in px. */
export const CARD_TEXT_PX = 13;
/** Base size of edge label text in px. */
export const LABEL_TEXT_PX = 12.5;

/** The current text scale for cards (k >= 1) and whether cards are in their compact form. */
export function useCardScale(): { k: number; compact: boolean } {
  const zoom = useStore((s) => s.transform[2]);
  const presenter = useView((s) => s.presenter);
  const k = textScale(CARD_TEXT_PX, zoom, minTextPx(presenter));
  // Round so a small pan/zoom jitter does not re-render every card.
  const rounded = Math.ceil(k * 20) / 20;
  return { k: rounded, compact: rounded > 1 };
}

/** The current text scale for edge labels. */
export function useLabelScale(): number {
  const zoom = useStore((s) => s.transform[2]);
  const presenter = useView((s) => s.presenter);
  return Math.ceil(textScale(LABEL_TEXT_PX, zoom, minTextPx(presenter)) * 20) / 20;
}
