// The lecture's parameter count worked out for the graph on the canvas: M(p+1) + K(M+1) with the user's
// own p, M and K, beside the engine's total.
import { useMemo } from 'react';
import { analysisOf, formatCount } from '../../model/analysis.ts';
import { useStudio } from '../../store/store.ts';
import { hiddenLayerCount } from './formula.ts';

/** The formula panel (data-testid="param-formula"). */
export function FormulaPanel() {
  const graph = useStudio((s) => s.graph);
  // the canvas's own analysis of this graph (memoized per graph), not a second pass
  const c = useMemo(() => hiddenLayerCount(analysisOf(graph)), [graph]);
  if ('reason' in c) {
    return (
      <div className="param-formula small" data-testid="param-formula">
        M(p + 1) + K(M + 1): {c.reason}.
      </div>
    );
  }
  const { p, M, K, formula, engine } = c;
  return (
    <div className="param-formula" data-testid="param-formula" data-formula={formula} data-engine={engine}>
      <div>
        p = {p} inputs, M = {M} hidden units, K = {K} outputs
      </div>
      <div className="formula-line">
        M(p + 1) + K(M + 1) = {M}·{p + 1} + {K}·{M + 1} = <strong>{formatCount(formula)}</strong>
      </div>
      <div className={formula === engine ? 'small' : 'small error-text'}>
        the engine's summary counts {formatCount(engine)} {formula === engine ? '✓ the same' : '✗ different'}
      </div>
    </div>
  );
}
