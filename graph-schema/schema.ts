// The version-1 graph format: ONE definition that yields the TypeScript types (z.infer), the runtime
// validator (safeParse) and the JSON Schema (z.toJSONSchema) used by Monaco and users' tools.
// Structural rules that span several nodes (ids, edges, cycles, reachability) live in validate.ts.
import { z } from 'zod';
import { LIMITS } from './limits.ts';

export const FORMAT_ID = 'backprop-studio.graph';
export const CURRENT_VERSION = 1;

// The caps live with every other limit in limits.ts (one place); re-exported here for old imports.
export { LIMITS } from './limits.ts';

// Custom messages below are phrased "must ..." so that issues.ts can say "node lstm1: units must be
// a whole number from 1 to 4096, got 0" (it prefixes the subject and appends what was given).
const posInt = (max: number) => {
  const error = `must be a whole number from 1 to ${max}`;
  return z.number({ error }).int({ error }).min(1, { error }).max(max, { error });
};
const idError = 'must be 1 to 64 characters: a letter or _ first, then letters, digits, _ or -';
const id = z
  .string({ error: idError })
  .min(1, { error: idError })
  .max(64, { error: idError })
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: idError });
const finite = z.number({ error: 'must be a finite number' }).finite({ error: 'must be a finite number' });

export const Position = z.looseObject({ x: finite, y: finite });

export const Activation = z.enum(['identity', 'relu', 'sigmoid', 'tanh']);
export const RecurrentActivation = z.enum(['tanh', 'relu', 'sigmoid']);
export const LstmVariant = z.enum(['standard', 'peephole', 'prototype']);
export const DType = z.enum(['float32', 'int32']);

/** Optional per-node initializer override; default is Keras's (glorot-uniform, orthogonal, zeros). */
export const Init = z.looseObject({
  kernel: z
    .enum(['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'uniform', 'zeros'])
    .optional(),
  recurrent: z.enum(['orthogonal', 'glorot_uniform', 'uniform', 'zeros']).optional(),
  bias: z.enum(['zeros']).optional(),
  scale: z.number().finite().positive().optional(),
});

const recurrentCommon = {
  units: posInt(LIMITS.maxUnits),
  returnSequences: z.boolean().default(false),
  bidirectional: z.boolean().default(false),
  init: Init.optional(),
};

export const InputParams = z.looseObject({
  shape: z.array(posInt(LIMITS.maxSeqLen)).min(1).max(LIMITS.maxInputRank),
  dtype: DType.default('float32'),
});
export const EmbeddingParams = z.looseObject({
  vocabSize: posInt(LIMITS.maxVocab),
  dim: posInt(LIMITS.maxDim),
  init: Init.optional(),
});
export const DenseParams = z.looseObject({
  units: posInt(LIMITS.maxUnits),
  activation: Activation.default('identity'),
  useBias: z.boolean().default(true),
  init: Init.optional(),
});
export const RNNParams = z.looseObject({
  ...recurrentCommon,
  activation: RecurrentActivation.default('tanh'),
});
export const LSTMParams = z.looseObject({
  ...recurrentCommon,
  variant: LstmVariant.default('standard'),
  forgetBias: z.number().finite().min(-100).max(100).default(1),
});
export const GRUParams = z.looseObject({ ...recurrentCommon });
export const NoParams = z.looseObject({});

const nodeBase = { id, position: Position.default({ x: 0, y: 0 }) };

export const InputNode = z.looseObject({ ...nodeBase, type: z.literal('Input'), params: InputParams });
export const EmbeddingNode = z.looseObject({
  ...nodeBase,
  type: z.literal('Embedding'),
  params: EmbeddingParams,
});
export const DenseNode = z.looseObject({ ...nodeBase, type: z.literal('Dense'), params: DenseParams });
export const RNNNode = z.looseObject({ ...nodeBase, type: z.literal('RNN'), params: RNNParams });
export const LSTMNode = z.looseObject({ ...nodeBase, type: z.literal('LSTM'), params: LSTMParams });
export const GRUNode = z.looseObject({ ...nodeBase, type: z.literal('GRU'), params: GRUParams });
export const SoftmaxNode = z.looseObject({
  ...nodeBase,
  type: z.literal('Softmax'),
  params: NoParams.default({}),
});
export const ConcatNode = z.looseObject({
  ...nodeBase,
  type: z.literal('Concat'),
  params: NoParams.default({}),
});
export const AddNode = z.looseObject({ ...nodeBase, type: z.literal('Add'), params: NoParams.default({}) });

export const GraphNode = z.discriminatedUnion('type', [
  InputNode,
  EmbeddingNode,
  DenseNode,
  RNNNode,
  LSTMNode,
  GRUNode,
  SoftmaxNode,
  ConcatNode,
  AddNode,
]);

export const NODE_TYPES = [
  'Input',
  'Embedding',
  'Dense',
  'RNN',
  'LSTM',
  'GRU',
  'Softmax',
  'Concat',
  'Add',
] as const;

export const GraphEdge = z.looseObject({ id, source: id, target: id });

export const LossName = z.enum(['auto', 'categorical_crossentropy', 'binary_crossentropy', 'mse']);

const lr = z.number().finite().positive().max(1e6);
const unit = z.number().finite().min(0).max(1);
const eps = z.number().finite().positive().max(1);
export const OptimizerConfig = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('sgd'), lr: lr.default(0.01) }),
  z.looseObject({
    type: z.literal('momentum'),
    lr: lr.default(0.01),
    momentum: unit.default(0.9),
    dampening: unit.default(0),
  }),
  z.looseObject({
    type: z.literal('nesterov'),
    lr: lr.default(0.01),
    momentum: unit.default(0.9),
    dampening: unit.default(0),
  }),
  z.looseObject({
    type: z.literal('adagrad'),
    lr: lr.default(0.01),
    eps: eps.default(1e-10),
    initialAccumulatorValue: z.number().finite().min(0).default(0),
    lrDecay: z.number().finite().min(0).default(0),
  }),
  z.looseObject({
    type: z.literal('rmsprop'),
    lr: lr.default(0.01),
    alpha: unit.default(0.99),
    eps: eps.default(1e-8),
    momentum: unit.default(0),
    centered: z.boolean().default(false),
  }),
  z.looseObject({
    type: z.literal('adam'),
    lr: lr.default(0.001),
    beta1: unit.default(0.9),
    beta2: unit.default(0.999),
    eps: eps.default(1e-8),
  }),
]);
export const OPTIMIZER_TYPES = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;

export const ClipConfig = z
  .looseObject({ type: z.enum(['norm', 'value']), max: z.number().finite().positive() })
  .nullable();

export const DatasetRef = z.looseObject({
  id: z.string().min(1).max(200),
  options: z.record(z.string(), z.unknown()).default({}),
});

export const TrainingConfig = z.looseObject({
  dataset: DatasetRef,
  loss: LossName.default('auto'),
  optimizer: OptimizerConfig,
  batchSize: z
    .union([posInt(LIMITS.maxBatch), z.literal('full')], {
      error: `must be a whole number from 1 to ${LIMITS.maxBatch}, or "full"`,
    })
    .default(32),
  epochs: z.number().int().min(0).max(LIMITS.maxEpochs).default(10),
  clip: ClipConfig.default(null),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(42),
  validationSplit: z.number().finite().min(0).max(0.9).default(0.1),
});

export const Graph = z.looseObject({
  format: z.literal(FORMAT_ID),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(200).default('Untitled'),
  nodes: z.array(GraphNode).max(LIMITS.maxNodes),
  edges: z.array(GraphEdge).max(LIMITS.maxEdges),
  training: TrainingConfig.optional(),
});

export type Graph = z.infer<typeof Graph>;
export type GraphNode = z.infer<typeof GraphNode>;
export type GraphEdge = z.infer<typeof GraphEdge>;
export type NodeType = GraphNode['type'];
export type NodeOfType<T extends NodeType> = Extract<GraphNode, { type: T }>;
export type TrainingConfig = z.infer<typeof TrainingConfig>;
export type OptimizerConfig = z.infer<typeof OptimizerConfig>;
export type ClipConfig = z.infer<typeof ClipConfig>;
export type LossName = z.infer<typeof LossName>;
export type Activation = z.infer<typeof Activation>;
export type LstmVariant = z.infer<typeof LstmVariant>;
