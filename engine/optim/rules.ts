// The six optimizers as settings of ONE update rule (see update.ts). Each config is read with
// PyTorch's defaults (shared/reference/README.md, "Optimizers"), so a graph exported to PyTorch
// trains the same way.
import type { OptimizerConfig } from '../../graph-schema/schema.ts';

/** An optimizer config as the graph stores it; fields not given take PyTorch's defaults. */
export type OptimizerSpec = { type: OptimizerConfig['type'] } & Record<string, unknown>;

/** The knobs of the shared update rule. */
export interface UpdateRule {
  lr: number;
  /** heavy-ball momentum μ (0 = none); PyTorch's buffer starts as the first direction */
  momentum: number;
  dampening: number;
  nesterov: boolean;
  /** squared-gradient accumulator: none, a running sum (Adagrad) or an EMA with `rho` */
  second: 'none' | 'sum' | 'ema';
  rho: number;
  eps: number;
  /** RMSprop centered: subtract the squared EMA of g from the second moment */
  centered: boolean;
  /** Adam: a first-moment EMA with bias correction of both moments. Its own switch, not `beta1 > 0`:
   *  Adam with beta1 = 0 still bias-corrects v (m = g then), exactly as torch.optim.Adam does */
  adam: boolean;
  /** Adam's first-moment EMA decay, in [0, 1) */
  beta1: number;
  /** Adagrad: lr_t = lr / (1 + (t - 1) · lrDecay) */
  lrDecay: number;
  initialAccumulator: number;
}

function num(cfg: OptimizerSpec, key: string, fallback: number): number {
  const v = cfg[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`optimizer ${cfg.type}: ${key} must be a finite number, got ${JSON.stringify(v)}`);
  }
  return v;
}

const BASE: UpdateRule = {
  lr: 0.01,
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

/** The update rule for a config (PyTorch defaults for missing fields). */
export function ruleFor(cfg: OptimizerSpec): UpdateRule {
  switch (cfg.type) {
    case 'sgd':
      return { ...BASE, lr: num(cfg, 'lr', 0.01) };
    case 'momentum':
    case 'nesterov':
      return {
        ...BASE,
        lr: num(cfg, 'lr', 0.01),
        momentum: num(cfg, 'momentum', 0.9),
        dampening: num(cfg, 'dampening', 0),
        nesterov: cfg.type === 'nesterov',
      };
    case 'adagrad':
      return {
        ...BASE,
        lr: num(cfg, 'lr', 0.01),
        second: 'sum',
        eps: num(cfg, 'eps', 1e-10),
        lrDecay: num(cfg, 'lrDecay', 0),
        initialAccumulator: num(cfg, 'initialAccumulatorValue', 0),
      };
    case 'rmsprop':
      return {
        ...BASE,
        lr: num(cfg, 'lr', 0.01),
        second: 'ema',
        rho: num(cfg, 'alpha', 0.99),
        eps: num(cfg, 'eps', 1e-8),
        momentum: num(cfg, 'momentum', 0),
        centered: cfg.centered === true,
      };
    case 'adam':
      return {
        ...BASE,
        lr: num(cfg, 'lr', 0.001),
        second: 'ema',
        adam: true,
        beta1: num(cfg, 'beta1', 0.9),
        rho: num(cfg, 'beta2', 0.999),
        eps: num(cfg, 'eps', 1e-8),
      };
    default:
      throw new Error(
        `unknown optimizer type ${JSON.stringify((cfg as { type: unknown }).type)}; use sgd, momentum, nesterov, adagrad, rmsprop or adam`,
      );
  }
}
