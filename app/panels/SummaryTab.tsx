// The Summary tab: the Keras-like table of the CLI's `summary` (same function, same numbers), and every
// problem of the graph, each a button that selects the node it belongs to.
import { formatCount, summaryTable } from '../../engine/index.ts';
import { analysisOf } from '../model/analysis.ts';
import { runAction } from '../actions/registry.ts';
import { useStudio } from '../store/store.ts';

/** The model summary tab. */
export default function SummaryTab() {
  const graph = useStudio((s) => s.graph);
  const a = analysisOf(graph);
  return (
    <div className="summary-tab">
      <div className="summary-head">
        <span>
          Total params: <strong data-testid="summary-total">{formatCount(a.totalParams)}</strong>
        </span>
        <span className={a.ok ? 'status-ok' : 'status-bad'} data-testid="summary-status">
          {a.ok
            ? '✓ ready to train'
            : `${a.diagnostics.length} problem${a.diagnostics.length === 1 ? '' : 's'}`}
        </span>
      </div>
      {a.diagnostics.length > 0 && (
        <ul className="problems" data-testid="problems">
          {a.diagnostics.map((d) => (
            <li key={`${d.path}:${d.message}`}>
              {d.nodeId ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => runAction('select', { nodes: [d.nodeId!], edges: [] })}
                >
                  {d.nodeId}
                </button>
              ) : null}{' '}
              {d.message}
            </li>
          ))}
        </ul>
      )}
      <pre className="summary-table" data-testid="summary-table">
        {graph.nodes.length > 0 ? summaryTable(a) : 'The graph is empty.'}
      </pre>
    </div>
  );
}
