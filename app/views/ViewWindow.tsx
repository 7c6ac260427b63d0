// The window the open view lives in: large (projector-legible), over the canvas, closed with its button
// or Escape; it names the node and says when the node is gone (the graph was edited under it).
import { runAction } from '../actions/registry.ts';
import { type CSSProperties, useEffect, useState } from 'react';
import { useStudio } from '../store/store.ts';
import { AttentionView } from './AttentionView.tsx';
import { EmbeddingView } from './EmbeddingView.tsx';
import { GateView } from './GateView.tsx';
import { LayerGradChart } from './LayerGradChart.tsx';
import { LmTableView } from './LmTableView.tsx';
import { ValuesView } from './ValuesView.tsx';
import { VIEW_LABELS } from './kinds.ts';
import { type OpenView, useViews } from './store.ts';

function Body({ open }: { open: OpenView }) {
  switch (open.kind) {
    case 'gates':
      return <GateView nodeId={open.nodeId} />;
    case 'values':
      return <ValuesView />;
    case 'lm-table':
      return <LmTableView />;
    case 'layer-grads':
      return <LayerGradChart />;
    case 'embedding':
      return <EmbeddingView nodeId={open.nodeId} />;
    case 'attention':
      return <AttentionView nodeId={open.nodeId} />;
  }
}

/** Where the window goes: over the canvas (the toolbar, the inspector and the loss chart stay in
 *  reach), or, full size, everything under the toolbar (Train and Pause stay in reach). Followed as
 *  panels resize and the toolbar wraps. */
function usePlacement(active: boolean, full: boolean): CSSProperties | undefined {
  const [place, setPlace] = useState<CSSProperties | undefined>(undefined);
  useEffect(() => {
    if (!active) return;
    const canvas = document.querySelector('[data-testid="canvas"]');
    const toolbar = document.querySelector('.toolbar');
    const update = () => {
      if (full) {
        const top = (toolbar?.getBoundingClientRect().bottom ?? 0) + 4;
        setPlace({ top, left: 8, right: 8, bottom: 8 });
      } else if (canvas) {
        const r = canvas.getBoundingClientRect();
        setPlace({ top: r.top + 6, left: r.left + 6, width: r.width - 12, height: r.height - 12 });
      }
    };
    update();
    const ro = new ResizeObserver(update);
    for (const el of [canvas, toolbar]) if (el) ro.observe(el);
    window.addEventListener('resize', update);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [active, full]);
  return place;
}

/** A short screen (a 1280x720 projector) opens views full size: over the canvas they would be cramped. */
const startFull = () => window.innerHeight < 820;

/** Mounted once in App; renders nothing while no view is open. */
export function ViewWindow() {
  const open = useViews((s) => s.open);
  const [full, setFull] = useState(startFull);
  const isOpen = open !== null;
  // each time a view opens, size it for the screen as it is now
  useEffect(() => {
    if (isOpen) setFull(startFull());
  }, [isOpen]);
  const place = usePlacement(open !== null, full);
  const exists = useStudio((s) => (open ? s.graph.nodes.some((n) => n.id === open.nodeId) : false));
  if (!open) return null;
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
            onClick={() => runAction('closeView')}
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
