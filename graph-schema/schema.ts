// The version-1 graph format: ONE definition that yields the TypeScript types (z.infer), the runtime
// validator (safeParse) and the JSON Schema (z.toJSONSchema) used by Monaco and users' tools.
// Structural rules that span several nodes (ids, edges, cycles, reachability) live in validate.ts.
import { z } from 'zod';
import { NODE_DEFS } from './nodes/index.ts';
import { finite, id, LIMITS, posInt } from './primitives.ts';
import { Challenge } from './challenge.ts';

export const FORMAT_ID = 'backprop-studio.graph';
export const CURRENT_VERSION = 1;

export {
  Activation,
  DType,
  Init,
  LIMITS,
  LstmVariant,
  RecurrentActivation,
  type NodeTypeDef,
} from './primitives.ts';
export { NODE_DEFS } from './nodes/index.ts';

export const Position = z.looseObject({ x: finite, y: finite });

const nodeBase = { id, position: Position.default({ x: 0, y: 0 }) };

type Defs = typeof NODE_DEFS;
/** The zod schema of one node of type T: id, position, type literal, params. */
type NodeSchemaOf<T extends keyof Defs> = z.ZodObject<
  {
    id: typeof id;
    position: z.ZodDefault<typeof Position>;
    type: z.ZodLiteral<T>;
    // a node type whose params are all optional may leave them out entirely
    params: Defs[T]['params'] | z.ZodDefault<Defs[T]['params']>;
  },
  z.core.$loose
>;

function nodeSchema<T extends keyof Defs>(type: T): NodeSchemaOf<T> {
  const params: z.ZodObject = NODE_DEFS[type].params;
  const allOptional = Object.values(params.shape).every((p) => (p as z.ZodType).safeParse(undefined).success);
  return z.looseObject({
    ...nodeBase,
    type: z.literal(type),
    params: allOptional ? params.default({}) : params,
  }) as unknown as NodeSchemaOf<T>;
}

/** Every node type of the format, in palette order (derived from NODE_DEFS). */
export const NODE_TYPES = Object.keys(NODE_DEFS) as (keyof Defs)[];

/** One zod schema per node type. */
export const NODE_SCHEMAS = Object.fromEntries(NODE_TYPES.map((t) => [t, nodeSchema(t)])) as {
  [T in keyof Defs]: NodeSchemaOf<T>;
};

type AnyNodeSchema = { [T in keyof Defs]: NodeSchemaOf<T> }[keyof Defs];
export const GraphNode = z.discriminatedUnion(
  'type',
  NODE_TYPES.map((t) => NODE_SCHEMAS[t]) as unknown as [AnyNodeSchema, ...AnyNodeSchema[]],
);

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
  /** a teacher's challenge (graph-schema/challenge.ts); absent in ordinary graphs */
  challenge: Challenge.optional(),
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
