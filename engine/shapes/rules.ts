// Shape rules per node type, read from the layer descriptors (engine/layers/<type>.ts): a pure
// function of the input shapes and the node's params (the canvas calls it with no tensors).
import type { GraphNode, NodeType } from '../../graph-schema/schema.ts';
import { LAYERS } from '../layers/index.gen.ts';
import type { Arity, FlowInfo, NodeInput } from './flow.ts';

export { type Arity, type FlowInfo, type NodeInput, showShape } from './flow.ts';

/** The shape rule of one node type. */
export interface ShapeRule {
  arity: Arity;
  /** output of the node, or a message (without the "node x (Type)" prefix) */
  infer(node: GraphNode, inputs: NodeInput[]): FlowInfo | string;
}

/** The rules, one per node type. */
export const SHAPE_RULES = Object.fromEntries(
  Object.entries(LAYERS).map(([type, d]) => [type, { arity: d.arity, infer: d.infer }]),
) as Record<NodeType, ShapeRule>;
