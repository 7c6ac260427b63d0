// The bar between canvas and bottom panel: drag it to give the panel (charts, the JSON editor) more room.
// Arrow keys resize too. The height is a view preference kept in localStorage, not part of the design.
import { type KeyboardEvent, type PointerEvent, useEffect, useState } from 'react';

const KEY = 'backprop-studio:panel-height';
/** Panel height limits in px (the canvas keeps at least a third of the window). */
export const PANEL_MIN = 120;

function clampHeight(h: number): number {
  return Math.round(Math.min(Math.max(h, PANEL_MIN), window.innerHeight * 0.66));
}

/** Current panel height (px) or null for the stylesheet's default, and its setter. */
export function usePanelHeight(): [number | null, (h: number) => void] {
  const [height, setHeight] = useState<number | null>(() => {
    const saved = Number(localStorage.getItem(KEY));
    return Number.isFinite(saved) && saved > 0 ? clampHeight(saved) : null;
  });
  useEffect(() => {
    if (height !== null) localStorage.setItem(KEY, String(height));
  }, [height]);
  return [height, (h) => setHeight(clampHeight(h))];
}

/** The drag bar; `height` is the panel's current height in px. */
export function ResizeHandle({ height, onResize }: { height: () => number; onResize: (h: number) => void }) {
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const startY = e.clientY;
    const startH = height();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => onResize(startH + (startY - ev.clientY));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowUp') onResize(height() + 24);
    if (e.key === 'ArrowDown') onResize(height() - 24);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a splitter
    <div
      className="resize-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the bottom panel"
      aria-valuenow={Math.round(height())}
      tabIndex={0}
      data-testid="panel-resize"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
