// The single-hidden-layer count of the lecture, M(p + 1) + K(M + 1), read off the user's own graph and set
// beside the engine's summary, so the formula is checked on whatever M, p and K the student chose.
import type { GraphAnalysis } from '../../../engine/index.ts';

/** p inputs, M hidden units, K outputs; `formula` = M(p+1) + K(M+1); `engine` = the summary's total. */
export interface HiddenLayerCount {
  p: number;
  M: number;
  K: number;
  formula: number;
  engine: number;
}

/** The counts when the graph is Input[p] -> Dense(M) -> Dense(K) [-> Softmax], both Dense with a bias;
 *  otherwise a sentence saying what the graph would need. */
export function hiddenLayerCount(a: GraphAnalysis): HiddenLayerCount | { reason: string } {
  const g = a.graph;
  if (!g || !a.ok) return { reason: 'the graph has errors: fix them first' };
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const chain = a.order.map((id) => byId.get(id)!).filter((n) => n.type !== 'Softmax');
  const [input, hidden, out] = chain;
  const shaped = input?.type === 'Input' && (input.params.shape as number[]).length === 1;
  if (chain.length !== 3 || !shaped || hidden.type !== 'Dense' || out.type !== 'Dense') {
    return {
      reason:
        'the formula is for Input [p] → Dense (M hidden units) → Dense (K outputs), optionally → Softmax',
    };
  }
  if (!hidden.params.useBias || !out.params.useBias) {
    return { reason: 'the formula counts one bias per unit: turn "use bias" back on in both Dense layers' };
  }
  const p = (input.params.shape as number[])[0];
  const M = hidden.params.units;
  const K = out.params.units;
  return { p, M, K, formula: M * (p + 1) + K * (M + 1), engine: a.totalParams };
}
