// Shape inference and parameter counts (see docs/internal-apis.md).
export { analyzeGraph } from './analyze.ts';
export { paramCount, paramShapes } from './params.ts';
export {
  SHAPE_RULES,
  showShape,
  type FlowInfo,
  type NodeInput,
  type ShapeRule,
  type Arity,
} from './rules.ts';
export { summaryTable, kerasShape, formatCount } from './summary.ts';
export type { Diagnostic, GraphAnalysis, NodeInfo } from './types.ts';
