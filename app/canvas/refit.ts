// Refit the graph when the canvas changes size inside the window: presenter mode on or off, a side or
// bottom panel opened, folded or dragged. A pan and zoom made for the old size would leave the graph cut
// at an edge (presenter mode at 1280x720 cut the shape labels off under the toolbar). A resized window
// keeps the user's view (as it always did), and an empty canvas keeps New's natural zoom.
import { type RefObject, useEffect } from 'react';
import { useStudio } from '../store/store.ts';
import { fitView } from './bridge.ts';

/** Size changes smaller than this (px) are layout jitter, not a new canvas. */
const MIN_CHANGE_PX = 2;
/** Wait for the size to settle (a panel drag reports every frame) before one animated fit. */
const SETTLE_MS = 80;

/** Observes `ref`'s element; after its first size, every real size change fits the view once. */
export function useRefitOnResize(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last: { w: number; h: number } | null = null;
    let windowSize = `${window.innerWidth}x${window.innerHeight}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(([entry]) => {
      const { width: w, height: h } = entry.contentRect;
      if (w === 0 || h === 0) return; // hidden: nothing to fit into
      const prev = last;
      last = { w, h };
      const win = `${window.innerWidth}x${window.innerHeight}`;
      const windowResized = win !== windowSize;
      windowSize = win;
      // the first size is the canvas's own: onInit restores the saved view or fits
      if (!prev || windowResized || useStudio.getState().graph.nodes.length === 0) return;
      if (Math.abs(prev.w - w) < MIN_CHANGE_PX && Math.abs(prev.h - h) < MIN_CHANGE_PX) return;
      clearTimeout(timer);
      timer = setTimeout(fitView, SETTLE_MS);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [ref]);
}
