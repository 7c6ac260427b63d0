// Modal dialogs: the examples gallery and the share link.
import { useMemo } from 'react';
import { ELEMENT_KEYS, GROUP_TITLES, isMac, keyRows, runAction, shortcutLabel } from '../actions/registry.ts';
import { analysisOf } from '../model/analysis.ts';
import { formatCount } from '../../engine/index.ts';
import { listExamples } from '../model/examples.ts';
import { useStudio } from '../store/store.ts';
import { ModalToast } from './Toast.tsx';

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
      <ModalToast />
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: only stops the backdrop's click */}
      <div className="dialog" role="dialog" aria-modal="true" onClick={(e) => e.stopPropagation()}>
        {dialog === 'examples' ? <Examples /> : dialog === 'keys' ? <Keys /> : <Share />}
      </div>
    </div>
  );
}

function Examples() {
  const examples = useMemo(listExamples, []);
  const open = (i: number) => runAction('openExample', examples[i]);
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

// Generated from the action table (every action with keys, by group) and the keys the focused element
// handles, so a shortcut cannot exist without being listed here.
function Keys() {
  const mac = isMac();
  return (
    <>
      <h2>Keyboard</h2>
      <p className="muted small">Shortcuts do nothing while you type in a field or the JSON editor.</p>
      <div className="keys-columns" data-testid="keys">
        {keyRows().map((g) => (
          <table className="keys" key={g.group} data-testid={`keys-${g.group}`}>
            <caption>{GROUP_TITLES[g.group]}</caption>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.name} data-testid={`keys-row-${r.name}`}>
                  <td>
                    {r.keys.map((k, i) => (
                      <span key={shortcutLabel(k)}>
                        {i > 0 && ' or '}
                        <kbd>{shortcutLabel(k, mac)}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{r.hint}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <table className="keys keys-element" data-testid="keys-element">
          <caption>Canvas gestures and the focused item</caption>
          <tbody>
            {ELEMENT_KEYS.map((r) => (
              <tr key={r.keys}>
                <td>{r.keys}</td>
                <td>{r.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dialog-actions">
        <button type="button" className="tool" onClick={close}>
          Close
        </button>
      </div>
    </>
  );
}
