// The lecture's parameter count worked out for the graph on the canvas: M(p+1) + K(M+1) with the user's
// own p, M and K, beside the engine's total.
import { useMemo } from 'react';
import { analyzeGraph } from '../../../engine/index.ts';
import { useStudio } from '../../store/store.ts';
import { hiddenLayerCount } from './formula.ts';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The formula panel (data-testid="param-formula"). */
export function FormulaPanel() {
  const graph = useStudio((s) => s.graph);
  const c = useMemo(() => hiddenLayerCount(analyzeGraph(graph)), [graph]);
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
        M(p + 1) + K(M + 1) = {M}·{p + 1} + {K}·{M + 1} = <strong>{fmt(formula)}</strong>
      </div>
      <div className={formula === engine ? 'small' : 'small error-text'}>
        the engine's summary counts {fmt(engine)} {formula === engine ? '✓ the same' : '✗ different'}
      </div>
    </div>
  );
}
