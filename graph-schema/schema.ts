// The version-1 graph format: ONE definition that yields the TypeScript types (z.infer), the runtime
// validator (safeParse) and the JSON Schema (z.toJSONSchema) used by Monaco and users' tools.
// Structural rules that span several nodes (ids, edges, cycles, reachability) live in validate.ts.
import { z } from 'zod';
import { NODE_DEFS } from './nodes/index.gen.ts';
import { OptimizerConfig } from './optimizers.ts';
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
export { NODE_DEFS } from './nodes/index.gen.ts';

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

export {
  OPTIMIZER_DEFS,
  OPTIMIZER_TYPES,
  OptimizerConfig,
  type OptimizerOf,
  type OptimizerType,
} from './optimizers.ts';

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
export type ClipConfig = z.infer<typeof ClipConfig>;
export type LossName = z.infer<typeof LossName>;
export type Activation = z.infer<typeof Activation>;
export type LstmVariant = z.infer<typeof LstmVariant>;
