// THE optimizer table: per type of the format (graph-schema/optimizers.ts), its settings of the one
// update rule (update.ts), its torch.optim call and its keras.optimizers call, each reading the
// PARSED config (defaults already filled by the schema, so none is restated here). A type without
// an entry is a compile error.
import type { OptimizerConfig, OptimizerOf, OptimizerType } from '../../graph-schema/schema.ts';
import { kerasInnerEpsilon } from '../export/keras/exactness.ts';
import { pyBool, pyNum } from '../export/python.ts';
import type { UpdateRule } from './rules.ts';

/** One optimizer type's entry. */
export interface OptimizerEntry<T extends OptimizerType> {
  rule(c: OptimizerOf<T>): UpdateRule;
  /** the torch.optim constructor over `params` */
  pytorch(c: OptimizerOf<T>): string;
  /** the keras.optimizers constructor, as exact as Keras allows (what still differs: kerasNotes in
   *  export/keras/exactness.ts); `clip` is the clipping argument text (", global_clipnorm=...") */
  keras(c: OptimizerOf<T>, clip: string): string;
  /** state tensors torch.optim keeps per parameter tensor (the memory estimate) */
  slots(c: OptimizerOf<T>): number;
}

/** The knobs a plain SGD leaves off. */
const BASE: Omit<UpdateRule, 'lr'> = {
  momentum: 0,
  dampening: 0,
  nesterov: false,
  second: 'none',
  rho: 0,
  eps: 0,
  centered: false,
  adam: false,
  beta1: 0,
  lrDecay: 0,
  initialAccumulator: 0,
};

type HeavyBall = OptimizerOf<'momentum' | 'nesterov'>;

/** SGD with momentum, plain or Nesterov (same fields). */
const heavyBall = (nesterov: boolean) => ({
  rule: (c: HeavyBall): UpdateRule => ({
    ...BASE,
    lr: c.lr,
    momentum: c.momentum,
    dampening: c.dampening,
    nesterov,
  }),
  pytorch: (c: HeavyBall) =>
    `torch.optim.SGD(params, lr=${pyNum(c.lr)}, momentum=${pyNum(c.momentum)}, dampening=${pyNum(c.dampening)}${nesterov ? ', nesterov=True' : ''})`,
  // Keras's SGD has no dampening (kerasNotes says so when it is not 0)
  keras: (c: HeavyBall, clip: string) =>
    `keras.optimizers.SGD(learning_rate=${pyNum(c.lr)}, momentum=${pyNum(c.momentum)}, nesterov=${pyBool(nesterov)}${clip})`,
  slots: () => 1,
});

export const OPTIMIZERS = {
  sgd: {
    rule: (c) => ({ ...BASE, lr: c.lr }),
    pytorch: (c) => `torch.optim.SGD(params, lr=${pyNum(c.lr)})`,
    keras: (c, clip) => `keras.optimizers.SGD(learning_rate=${pyNum(c.lr)}${clip})`,
    slots: () => 0,
  },
  momentum: heavyBall(false),
  nesterov: heavyBall(true),
  adagrad: {
    rule: (c) => ({
      ...BASE,
      lr: c.lr,
      second: 'sum',
      eps: c.eps,
      lrDecay: c.lrDecay,
      initialAccumulator: c.initialAccumulatorValue,
    }),
    pytorch: (c) =>
      `torch.optim.Adagrad(params, lr=${pyNum(c.lr)}, lr_decay=${pyNum(c.lrDecay)}, initial_accumulator_value=${pyNum(c.initialAccumulatorValue)}, eps=${pyNum(c.eps)})`,
    // Keras counts steps from 0, so PyTorch's lr / (1 + (t - 1) · lrDecay) is InverseTimeDecay with
    // decay_steps 1; Keras adds epsilon inside the root, so its epsilon is ours squared
    keras: (c, clip) => {
      const rate =
        c.lrDecay === 0
          ? `learning_rate=${pyNum(c.lr)}`
          : `learning_rate=keras.optimizers.schedules.InverseTimeDecay(${pyNum(c.lr)}, decay_steps=1, decay_rate=${pyNum(c.lrDecay)})`;
      return `keras.optimizers.Adagrad(${rate}, initial_accumulator_value=${pyNum(c.initialAccumulatorValue)}, epsilon=${pyNum(kerasInnerEpsilon(c.eps))}${clip})`;
    },
    slots: () => 1,
  },
  rmsprop: {
    rule: (c) => ({
      ...BASE,
      lr: c.lr,
      second: 'ema',
      rho: c.alpha,
      eps: c.eps,
      momentum: c.momentum,
      centered: c.centered,
    }),
    pytorch: (c) =>
      `torch.optim.RMSprop(params, lr=${pyNum(c.lr)}, alpha=${pyNum(c.alpha)}, eps=${pyNum(c.eps)}, momentum=${pyNum(c.momentum)}, centered=${pyBool(c.centered)})`,
    keras: (c, clip) =>
      `keras.optimizers.RMSprop(learning_rate=${pyNum(c.lr)}, rho=${pyNum(c.alpha)}, momentum=${pyNum(c.momentum)}, epsilon=${pyNum(kerasInnerEpsilon(c.eps))}, centered=${pyBool(c.centered)}${clip})`,
    slots: (c) => 1 + (c.momentum > 0 ? 1 : 0) + (c.centered ? 1 : 0),
  },
  adam: {
    rule: (c) => ({ ...BASE, lr: c.lr, second: 'ema', adam: true, beta1: c.beta1, rho: c.beta2, eps: c.eps }),
    pytorch: (c) =>
      `torch.optim.Adam(params, lr=${pyNum(c.lr)}, betas=(${pyNum(c.beta1)}, ${pyNum(c.beta2)}), eps=${pyNum(c.eps)})`,
    keras: (c, clip) =>
      `keras.optimizers.Adam(learning_rate=${pyNum(c.lr)}, beta_1=${pyNum(c.beta1)}, beta_2=${pyNum(c.beta2)}, epsilon=${pyNum(c.eps)}${clip})`,
    slots: () => 2,
  },
} satisfies { [T in OptimizerType]: OptimizerEntry<T> };

/**
 * The entry of a parsed config. TypeScript cannot tie `c.type` to `OPTIMIZERS[c.type]` by itself;
 * this is the one place that says they match (the table is keyed by type, `satisfies`-checked).
 */
export function optimizerEntry(c: OptimizerConfig): OptimizerEntry<OptimizerType> {
  return OPTIMIZERS[c.type] as unknown as OptimizerEntry<OptimizerType>;
}
