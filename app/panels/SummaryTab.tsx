// The Summary tab: the Keras-like table of the CLI's `summary` (same function, same numbers), and every
// problem of the graph, each a button that selects the node it belongs to.
import { formatCount, summaryTable } from '../../engine/index.ts';
import { useDataFit } from '../data/dataFit.ts';
import { analysisOf } from '../model/analysis.ts';
import { runAction } from '../actions/registry.ts';
import { useStudio } from '../store/store.ts';

/** The model summary tab. */
export default function SummaryTab() {
  const graph = useStudio((s) => s.graph);
  const a = analysisOf(graph);
  const fit = useDataFit();
  const problems = a.diagnostics.length + (fit.problem ? 1 : 0);
  return (
    <div className="summary-tab">
      <div className="summary-head">
        <span>
          Total params: <strong data-testid="summary-total">{formatCount(a.totalParams)}</strong>
        </span>
        <span className={problems === 0 ? 'status-ok' : 'status-bad'} data-testid="summary-status">
          {problems > 0
            ? `${problems} problem${problems === 1 ? '' : 's'}`
            : fit.checking
              ? 'checking the data…'
              : '✓ ready to train'}
        </span>
      </div>
      {problems > 0 && (
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
          {fit.problem && (
            <li data-testid="problem-data-fit">
              {fit.inputId ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => runAction('select', { nodes: [fit.inputId!], edges: [] })}
                >
                  {fit.inputId}
                </button>
              ) : null}{' '}
              the data does not fit: {fit.problem}
            </li>
          )}
        </ul>
      )}
      <pre className="summary-table" data-testid="summary-table">
        {graph.nodes.length > 0 ? summaryTable(a) : 'The graph is empty.'}
      </pre>
    </div>
  );
}
