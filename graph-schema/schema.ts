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

// Optimizer ranges are torch.optim's own argument checks (so a graph that validates exports to a
// PyTorch file that starts), tightened only where PyTorch accepts a value that cannot train: momentum
// and RMSprop's alpha above 1 grow without bound, and an lr above 1e6 only ever diverges.
const ranged = (min: number, max: number, error: string) =>
  z.number({ error }).finite({ error }).min(min, { error }).max(max, { error });
const lr = ranged(0, 1e6, 'must be a number from 0 to 1e6 (PyTorch refuses a negative learning rate)');
const eps = ranged(0, 1e6, 'must be a number from 0 to 1e6 (PyTorch refuses a negative epsilon)');
const unit = ranged(0, 1, 'must be a number from 0 to 1');
const nonNegative = ranged(0, Number.MAX_VALUE, 'must be a number >= 0 (PyTorch refuses a negative one)');
const beta = (name: string) => {
  const error = `must be at least 0 and below 1 (PyTorch's Adam refuses ${name} = 1: the moment never moves from 0)`;
  return z.number({ error }).finite({ error }).min(0, { error }).lt(1, { error });
};
const nesterovMomentum = z
  .number({ error: 'must be above 0 and at most 1 (Nesterov momentum needs a momentum; PyTorch refuses 0)' })
  .finite()
  .gt(0, { error: 'must be above 0 and at most 1 (Nesterov momentum needs a momentum; PyTorch refuses 0)' })
  .max(1, { error: 'must be above 0 and at most 1 (Nesterov momentum needs a momentum; PyTorch refuses 0)' });
const nesterovDampening = z
  .number({ error: "must be 0 (PyTorch's SGD refuses Nesterov momentum with dampening)" })
  .refine((v) => v === 0, { error: "must be 0 (PyTorch's SGD refuses Nesterov momentum with dampening)" });
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
    momentum: nesterovMomentum.default(0.9),
    dampening: nesterovDampening.default(0),
  }),
  z.looseObject({
    type: z.literal('adagrad'),
    lr: lr.default(0.01),
    eps: eps.default(1e-10),
    initialAccumulatorValue: nonNegative.default(0),
    lrDecay: nonNegative.default(0),
  }),
  z
    .looseObject({
      type: z.literal('rmsprop'),
      lr: lr.default(0.01),
      alpha: unit.default(0.99),
      eps: eps.default(1e-8),
      momentum: unit.default(0),
      centered: z.boolean().default(false),
    })
    // centered with alpha 0 divides by √(g² − g²) = 0 + eps, and rounding makes that √(−tiny) = NaN
    // in PyTorch itself: refused rather than followed
    .refine((o) => !(o.centered && o.alpha === 0), {
      path: ['alpha'],
      error:
        'must be above 0 when centered is true (the centered variance of one step is 0; PyTorch gives NaN)',
    }),
  z.looseObject({
    type: z.literal('adam'),
    lr: lr.default(0.001),
    beta1: beta('beta1').default(0.9),
    beta2: beta('beta2').default(0.999),
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
