// Shape rules per node type: a pure function of the input shapes and the node's params (the
// canvas calls it with no tensors). A rule returns the output or a sentence saying what is wrong.
import type { GraphNode, NodeType } from '../../graph-schema/schema.ts';

/** What flows along an edge: shape without the batch axis, and element type. */
export interface FlowInfo {
  shape: number[];
  dtype: 'float32' | 'int32';
}

/** One input of a node, with the id of the node it comes from (for messages). */
export interface NodeInput extends FlowInfo {
  from: string;
}

/** How many inputs a node type takes. */
export type Arity = 'none' | 'one' | 'many';

/** The shape rule of one node type. */
export interface ShapeRule {
  arity: Arity;
  /** output of the node, or a message (without the "node x (Type)" prefix) */
  infer(node: GraphNode, inputs: NodeInput[]): FlowInfo | string;
}

/** "[200, 128]" */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

const idsNeedEmbedding = (x: NodeInput) =>
  `is fed raw token ids (int32) from ${x.from}: add an Embedding first to turn ids into vectors`;

function floatInputs(inputs: NodeInput[]): string | null {
  const ints = inputs.find((x) => x.dtype === 'int32');
  return ints ? idsNeedEmbedding(ints) : null;
}

function recurrent(node: GraphNode, inputs: NodeInput[]): FlowInfo | string {
  const x = inputs[0];
  if (x.dtype === 'int32') return idsNeedEmbedding(x);
  if (x.shape.length !== 2) {
    return `needs a sequence [T, features] (one vector per time step), but ${x.from} gives ${showShape(x.shape)}: feed it from an Embedding or from a recurrent layer with returnSequences: true`;
  }
  const p = node.params as { units: number; returnSequences: boolean; bidirectional: boolean };
  const width = p.units * (p.bidirectional ? 2 : 1); // both directions are concatenated
  return { shape: p.returnSequences ? [x.shape[0], width] : [width], dtype: 'float32' };
}

/** The rules, one per node type (a missing or extra type is a compile error). */
export const SHAPE_RULES: Record<NodeType, ShapeRule> = {
  Input: {
    arity: 'none',
    infer: (node) => {
      const p = node.params as { shape: number[]; dtype: 'float32' | 'int32' };
      return { shape: [...p.shape], dtype: p.dtype };
    },
  },
  Embedding: {
    arity: 'one',
    infer: (node, [x]) => {
      if (x.dtype !== 'int32') {
        return `needs int32 token ids, but ${x.from} gives float32 values: set the Input's dtype to "int32" (or remove the Embedding)`;
      }
      if (x.shape.length !== 1) {
        return `needs a sequence of token ids [T], but ${x.from} gives ${showShape(x.shape)}: give the Input one dimension, the sequence length`;
      }
      const p = node.params as { dim: number };
      return { shape: [x.shape[0], p.dim], dtype: 'float32' };
    },
  },
  Dense: {
    arity: 'one',
    infer: (node, [x]) => {
      if (x.dtype === 'int32') return idsNeedEmbedding(x);
      const p = node.params as { units: number };
      return { shape: [...x.shape.slice(0, -1), p.units], dtype: 'float32' }; // acts on the last axis
    },
  },
  RNN: { arity: 'one', infer: recurrent },
  LSTM: { arity: 'one', infer: recurrent },
  GRU: { arity: 'one', infer: recurrent },
  Softmax: {
    arity: 'one',
    infer: (_node, [x]) => {
      if (x.dtype === 'int32') return idsNeedEmbedding(x);
      if (x.shape[x.shape.length - 1] === 1) {
        return `is applied to a single unit from ${x.from}, so it always outputs 1: use Dense(1, sigmoid) for two classes, or give ${x.from} 2 or more units`;
      }
      return { shape: [...x.shape], dtype: 'float32' };
    },
  },
  Concat: {
    arity: 'many',
    infer: (_node, inputs) => {
      const bad = floatInputs(inputs);
      if (bad) return bad;
      const [a, ...rest] = inputs;
      for (const b of rest) {
        if (b.shape.length !== a.shape.length) {
          return `joins inputs of different ranks: ${showShape(a.shape)} from ${a.from} and ${showShape(b.shape)} from ${b.from}: join sequences with sequences, vectors with vectors`;
        }
        const lead = a.shape.slice(0, -1);
        if (lead.some((d, i) => b.shape[i] !== d)) {
          const what = a.shape.length === 2 ? 'sequence lengths differ' : 'leading dimensions differ';
          return `${what}: ${showShape(a.shape)} from ${a.from} and ${showShape(b.shape)} from ${b.from}; all but the last axis must agree to join on the last axis`;
        }
      }
      const last = inputs.reduce((sum, x) => sum + x.shape[x.shape.length - 1], 0);
      return { shape: [...a.shape.slice(0, -1), last], dtype: 'float32' };
    },
  },
  Add: {
    arity: 'many',
    infer: (_node, inputs) => {
      const bad = floatInputs(inputs);
      if (bad) return bad;
      const [a, ...rest] = inputs;
      const b = rest.find((x) => showShape(x.shape) !== showShape(a.shape));
      if (b) {
        return `adds inputs of different shapes: ${showShape(a.shape)} from ${a.from} and ${showShape(b.shape)} from ${b.from}; Add needs equal shapes (use Concat to join different widths)`;
      }
      return { shape: [...a.shape], dtype: 'float32' };
    },
  },
};
