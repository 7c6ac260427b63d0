// The window the open view lives in: large (projector-legible), over the canvas, closed with its button
// or Escape; it names the node and says when the node is gone (the graph was edited under it).
import { type CSSProperties, useEffect, useState } from 'react';
import { useStudio } from '../store/store.ts';
import { GateView } from './GateView.tsx';
import { LmTableView } from './LmTableView.tsx';
import { ValuesView } from './ValuesView.tsx';
import { VIEW_LABELS } from './kinds.ts';
import { closeView, type OpenView, useViews } from './store.ts';

function Body({ open }: { open: OpenView }) {
  switch (open.kind) {
    case 'gates':
      return <GateView nodeId={open.nodeId} />;
    case 'values':
      return <ValuesView />;
    case 'lm-table':
      return <LmTableView />;
    default:
      return null;
  }
}

/** The canvas's rectangle on screen, followed as panels resize (the window sits over the canvas, so
 *  the toolbar, the inspector and the loss chart stay in reach). */
function useCanvasRect(active: boolean): DOMRect | null {
  const [rect, setRect] = useState<DOMRect | null>(null);
  useEffect(() => {
    if (!active) return;
    const el = document.querySelector('[data-testid="canvas"]');
    if (!el) return;
    const update = () => setRect(el.getBoundingClientRect());
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    window.addEventListener('resize', update);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [active]);
  return rect;
}

/** Mounted once in App; renders nothing while no view is open. */
export function ViewWindow() {
  const open = useViews((s) => s.open);
  const [full, setFull] = useState(false);
  const rect = useCanvasRect(open !== null && !full);
  const exists = useStudio((s) => (open ? s.graph.nodes.some((n) => n.id === open.nodeId) : false));
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeView();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  const place: CSSProperties | undefined =
    rect && !full
      ? { top: rect.top + 6, left: rect.left + 6, width: rect.width - 12, height: rect.height - 12 }
      : undefined;
  return (
    <div
      className={`view-window${full ? ' full' : ''}`}
      style={place}
      role="dialog"
      aria-label={VIEW_LABELS[open.kind].title}
      data-testid="view-window"
    >
      <header className="view-window-head">
        <h2>
          {VIEW_LABELS[open.kind].title} <span className="muted">· {open.nodeId}</span>
        </h2>
        <span className="view-window-tools">
          <button
            type="button"
            className="tool"
            data-testid="view-full"
            aria-pressed={full}
            onClick={() => setFull(!full)}
            title={full ? 'Back over the canvas' : 'Fill the window (for a projector)'}
          >
            {full ? 'Over canvas' : 'Full size'}
          </button>
          <button
            type="button"
            className="tool"
            data-testid="view-close"
            onClick={closeView}
            title="Close (Esc)"
          >
            ✕
          </button>
        </span>
      </header>
      <div className="view-window-body">
        {exists ? (
          <Body open={open} />
        ) : (
          <p className="view-error">Node “{open.nodeId}” is no longer in the graph.</p>
        )}
      </div>
    </div>
  );
}
