// The optimizers of the format: one zod object per type (each hyperparameter with PyTorch's default
// and `.meta({ label, help })` for the training panel), collected in OPTIMIZER_DEFS; the union,
// OPTIMIZER_TYPES and the JSON Schema are derived from it. The engine's table (engine/optim/table.ts)
// has one entry per type, checked by the compiler.
import { z } from 'zod';

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
const help = (label: string, text: string) => ({ label, help: text });
const lrOf = (d: number) => lr.default(d).meta(help('lr', 'learning rate'));

export const OPTIMIZER_DEFS = {
  sgd: z.looseObject({ type: z.literal('sgd'), lr: lrOf(0.01) }),
  momentum: z.looseObject({
    type: z.literal('momentum'),
    lr: lrOf(0.01),
    momentum: unit.default(0.9).meta(help('momentum', 'momentum factor')),
    dampening: unit.default(0).meta(help('dampening', 'dampening of momentum')),
  }),
  nesterov: z.looseObject({
    type: z.literal('nesterov'),
    lr: lrOf(0.01),
    momentum: nesterovMomentum.default(0.9).meta(help('momentum', 'momentum factor, above 0')),
    dampening: nesterovDampening.default(0).meta(help('dampening', 'must stay 0 with Nesterov momentum')),
  }),
  adagrad: z.looseObject({
    type: z.literal('adagrad'),
    lr: lrOf(0.01),
    eps: eps.default(1e-10).meta(help('eps', 'added to the denominator for stability')),
    initialAccumulatorValue: nonNegative
      .default(0)
      .meta(help('initialAccumulatorValue', 'starting value of the accumulator')),
    lrDecay: nonNegative.default(0).meta(help('lrDecay', 'learning-rate decay')),
  }),
  rmsprop: z
    .looseObject({
      type: z.literal('rmsprop'),
      lr: lrOf(0.01),
      alpha: unit.default(0.99).meta(help('alpha', 'smoothing constant')),
      eps: eps.default(1e-8).meta(help('eps', 'added to the denominator for stability')),
      momentum: unit.default(0).meta(help('momentum', 'momentum factor')),
      centered: z.boolean().default(false).meta(help('centered', 'normalize by the variance estimate')),
    })
    // centered with alpha 0 divides by √(g² − g²) = 0 + eps, and rounding makes that √(−tiny) = NaN
    // in PyTorch itself: refused rather than followed
    .refine((o) => !(o.centered && o.alpha === 0), {
      path: ['alpha'],
      error:
        'must be above 0 when centered is true (the centered variance of one step is 0; PyTorch gives NaN)',
    }),
  adam: z.looseObject({
    type: z.literal('adam'),
    lr: lrOf(0.001),
    beta1: beta('beta1').default(0.9).meta(help('beta1', 'decay of the first moment, in [0, 1)')),
    beta2: beta('beta2').default(0.999).meta(help('beta2', 'decay of the second moment, in [0, 1)')),
    eps: eps.default(1e-8).meta(help('eps', 'added to the denominator for stability')),
  }),
};

type Defs = typeof OPTIMIZER_DEFS;
export type OptimizerType = keyof Defs;

/** The optimizer types, in the training panel's order. */
export const OPTIMIZER_TYPES = Object.keys(OPTIMIZER_DEFS) as OptimizerType[];

type AnyOptimizer = Defs[OptimizerType];
export const OptimizerConfig = z.discriminatedUnion(
  'type',
  Object.values(OPTIMIZER_DEFS) as [AnyOptimizer, ...AnyOptimizer[]],
);
export type OptimizerConfig = z.infer<typeof OptimizerConfig>;

/** The parsed config of one optimizer type (defaults filled). */
export type OptimizerOf<T extends OptimizerType> = Extract<OptimizerConfig, { type: T }>;
