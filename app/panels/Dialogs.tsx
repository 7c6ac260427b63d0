// Modal dialogs: the examples gallery and the share link.
import { useMemo } from 'react';
import { openGraphAction } from '../actions/files.ts';
import { ACTIONS, shortcutLabel } from '../actions/registry.ts';
import { analysisOf } from '../model/analysis.ts';
import { formatCount } from '../../engine/index.ts';
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
        {dialog === 'examples' ? <Examples /> : dialog === 'keys' ? <Keys /> : <Share />}
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

// Generated from the action table, so it can never disagree with what the keys do.
function Keys() {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const rows = Object.values(ACTIONS).filter((a) => a.keys.length > 0);
  return (
    <>
      <h2>Keyboard</h2>
      <table className="keys" data-testid="keys">
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{a.keys.map((k) => shortcutLabel(k, mac)).join(' or ')}</td>
              <td>{a.hint}</td>
            </tr>
          ))}
          <tr>
            <td>Enter (on a palette item)</td>
            <td>Add the layer after the selected node, wired to it</td>
          </tr>
          <tr>
            <td>Arrow keys (on a node)</td>
            <td>Nudge the node</td>
          </tr>
          <tr>
            <td>Shift+drag, Shift+click</td>
            <td>Select several</td>
          </tr>
          <tr>
            <td>Escape</td>
            <td>Close a dialog; in a field, restore its value</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="tool" onClick={close}>
          Close
        </button>
      </div>
    </>
  );
}
