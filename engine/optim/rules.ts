// The optimizers as settings of ONE update rule (see update.ts), one entry per type in table.ts.
// Defaults are the schema's, which are PyTorch's (shared/reference/README.md, "Optimizers"), so a
// graph exported to PyTorch trains the same way.
import type { z } from 'zod';
import { OPTIMIZER_TYPES, OptimizerConfig } from '../../graph-schema/schema.ts';
import { optimizerEntry } from './table.ts';

/** An optimizer config as a graph file holds it (fields not given take the schema's defaults). */
export type OptimizerSpec = z.input<typeof OptimizerConfig>;

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

/**
 * The update rule for an optimizer config. A config that has not been through the format's schema
 * (a reference case, a test) is parsed here, so defaults and ranges are the schema's.
 */
export function ruleFor(cfg: OptimizerSpec): UpdateRule {
  const c = parseOptimizer(cfg);
  return optimizerEntry(c).rule(c);
}

/** The parsed config, or an error naming the optimizer, the bad field and what it was. */
export function parseOptimizer(cfg: OptimizerSpec): OptimizerConfig {
  const r = OptimizerConfig.safeParse(cfg);
  if (r.success) return r.data;
  const raw = cfg as unknown as Record<string, unknown> | null;
  const issue = r.error.issues[0];
  const key = issue.path[0];
  if (key === 'type' || key === undefined) {
    const types = `${OPTIMIZER_TYPES.slice(0, -1).join(', ')} or ${OPTIMIZER_TYPES.at(-1)}`;
    throw new Error(`unknown optimizer type ${JSON.stringify(raw?.type)}; use ${types}`);
  }
  const got = JSON.stringify(raw?.[String(key)]);
  throw new Error(`optimizer ${String(raw?.type)}: ${issue.path.join('.')} ${issue.message}, got ${got}`);
}
