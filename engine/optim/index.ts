// Optimizers: createOptimizer(cfg, params) gives an object the trainer calls once per mini-batch
// (after backward and clipping). Batch, mini-batch and stochastic modes differ only in what the
// trainer feeds; the optimizer just steps.
import { ruleFor, type OptimizerSpec } from './rules.ts';
import { newSlots, type OptimParam, type SlotState, updateParam } from './update.ts';

export { clipGradients, globalGradNorm } from './clip.ts';
export type { OptimizerSpec, UpdateRule } from './rules.ts';
export { ruleFor } from './rules.ts';
export type { OptimParam } from './update.ts';

/** A stateful optimizer over a fixed list of parameters. */
export interface Optimizer {
  /** one update of every parameter from its current grad */
  step(): void;
  /** learning rate, read/write (schedules and the UI change it between steps) */
  lr: number;
  /** updates done so far */
  readonly t: number;
  /** forget all state (moments, momentum buffers, step count) */
  reset(): void;
}

/** An optimizer for `params` following `cfg` (PyTorch update rules and defaults). */
export function createOptimizer(cfg: OptimizerSpec, params: readonly OptimParam[]): Optimizer {
  const rule = ruleFor(cfg);
  let slots: SlotState[] = params.map((p) => newSlots(rule, p));
  let t = 0;
  let lr = rule.lr;
  // closures, not `this`: a destructured `const { step } = opt` keeps working
  return {
    get lr() {
      return lr;
    },
    set lr(v: number) {
      if (!(Number.isFinite(v) && v >= 0)) throw new Error(`learning rate must be a number >= 0, got ${v}`);
      lr = v;
    },
    get t() {
      return t;
    },
    step() {
      t++;
      for (let i = 0; i < params.length; i++) updateParam(rule, lr, t, params[i], slots[i]);
    },
    reset() {
      t = 0;
      slots = params.map((p) => newSlots(rule, p));
    },
  };
}
