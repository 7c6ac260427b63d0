// Modal dialogs: the examples gallery and the share link.
import { useMemo } from 'react';
import { openGraphAction } from '../actions/files.ts';
import { analysisOf } from '../model/analysis.ts';
import { formatCount } from '../../engine/shapes/index.ts';
import { listExamples } from '../model/examples.ts';
import { hasUnsavedWork, useStudio } from '../store/store.ts';

function close(): void {
  useStudio.setState({ dialog: null });
}

/** Whichever dialog is open. */
export function Dialogs() {
  const dialog = useStudio((s) => s.dialog);
  if (!dialog) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: clicking the backdrop closes, Escape too (see App)
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape is handled globally
    <div className="backdrop" onClick={close}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: only stops the backdrop's click */}
      <div className="dialog" role="dialog" aria-modal="true" onClick={(e) => e.stopPropagation()}>
        {dialog === 'examples' ? <Examples /> : <Share />}
      </div>
    </div>
  );
}

function Examples() {
  const examples = useMemo(listExamples, []);
  const open = (i: number) => {
    const ex = examples[i];
    if (
      hasUnsavedWork() &&
      !window.confirm(`Open "${ex.title}" instead of your graph? (Undo brings it back.)`)
    )
      return;
    openGraphAction(ex.graph, `Open example ${ex.title}`, { tidy: true });
  };
  return (
    <>
      <h2>Examples</h2>
      <ul className="examples" data-testid="examples">
        {examples.map((ex, i) => (
          <li key={ex.id}>
            <button
              type="button"
              className="example"
              data-testid={`example-${ex.id}`}
              onClick={() => open(i)}
            >
              <strong>{ex.title}</strong>
              <span className="muted">
                {ex.graph.nodes.length} layers · {formatCount(analysisOf(ex.graph).totalParams)} params
                {ex.graph.training ? ` · ${ex.graph.training.dataset.id}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="tool" onClick={close}>
          Close
        </button>
      </div>
    </>
  );
}

function Share() {
  const url = useStudio((s) => s.shareUrl);
  return (
    <>
      <h2>Share this graph</h2>
      <p>
        Anyone who opens this link gets a copy of the graph (it travels inside the link; nothing is uploaded).
      </p>
      <input
        className="share-url"
        data-testid="share-url"
        readOnly
        value={url}
        onFocus={(e) => e.target.select()}
        aria-label="Share link"
      />
      <div className="dialog-actions">
        <button type="button" className="tool" onClick={() => void navigator.clipboard?.writeText(url)}>
          Copy
        </button>
        <button type="button" className="tool" onClick={close}>
          Close
        </button>
      </div>
    </>
  );
}
