// What the Keras export carries exactly and what it cannot. Initializers are mapped to Keras
// initializers with the same distribution (Keras's glorot_normal / he_normal are TRUNCATED normals,
// ours are not, so they become RandomNormal with our standard deviation), and an LSTM forget bias
// other than 0 or 1 becomes a bias initializer. Everything that still differs is listed by
// kerasNotes(): written as comments at the top of the generated file and printed by the CLI.
import type { ExportPlan } from '../plan.ts';
import { pyNum } from '../python.ts';

type Opt = Record<string, unknown> & { type: string };
const n = (o: Opt, key: string, fallback: number) =>
  typeof o[key] === 'number' ? (o[key] as number) : fallback;

/**
 * Keras's epsilon sits inside the square root for RMSprop and Adagrad (g / √(v + ε')), ours and
 * PyTorch's outside (g / (√v + ε)). No constant ε' makes them equal for every v; ε' = ε² matches
 * both ends (v → 0: g/ε; v ≫ ε²: g/√v) and is off by at most √2 (at √v = ε). ε = 0 is exact.
 */
export function kerasInnerEpsilon(eps: number): number {
  return Number((eps * eps).toPrecision(12));
}

/** Every setting of the graph the Keras file cannot carry exactly, in words (empty: exact). */
export function kerasNotes(plan: ExportPlan, layerNotes: string[] = []): string[] {
  const notes: string[] = [];
  const t = plan.training;
  const opt = (t?.optimizer ?? { type: 'adam' }) as Opt;
  if (
    (opt.type === 'rmsprop' || opt.type === 'adagrad') &&
    n(opt, 'eps', opt.type === 'adagrad' ? 1e-10 : 1e-8) !== 0
  ) {
    const eps = n(opt, 'eps', opt.type === 'adagrad' ? 1e-10 : 1e-8);
    notes.push(
      `optimizer ${opt.type}: Keras adds epsilon inside the square root (g / sqrt(v + eps')), PyTorch and Backprop Studio outside (g / (sqrt(v) + eps)); epsilon=${pyNum(kerasInnerEpsilon(eps))} (= ${pyNum(eps)} squared) matches both for tiny and for large v, and steps differ by at most a factor 1.41 in between (exact only with eps = 0)`,
    );
  }
  if (opt.type === 'adam' && n(opt, 'eps', 1e-8) !== 0) {
    notes.push(
      `optimizer adam: Keras adds epsilon before the bias correction of v, PyTorch and Backprop Studio after, so Keras's epsilon acts as eps / sqrt(1 - beta2^t) (${pyNum(n(opt, 'eps', 1e-8) / Math.sqrt(1 - n(opt, 'beta2', 0.999)))} at step 1, falling to ${pyNum(n(opt, 'eps', 1e-8))}); steps differ only where sqrt(v) is near epsilon (exact only with eps = 0)`,
    );
  }
  if ((opt.type === 'momentum' || opt.type === 'nesterov') && n(opt, 'dampening', 0) !== 0) {
    notes.push(
      `optimizer ${opt.type}: Keras's SGD has no dampening; the graph's dampening ${pyNum(n(opt, 'dampening', 0))} is not applied (Keras trains as with dampening 0)`,
    );
  }
  if (t?.clip?.type === 'norm') {
    notes.push(
      `clip by norm: Keras's global_clipnorm scales by max / norm, PyTorch's clip_grad_norm_ by max / (norm + 1e-6) (a relative difference below 1e-6 / norm)`,
    );
  }
  if (plan.loss !== 'mse') {
    notes.push(
      `loss ${plan.loss}: Keras computes it from the output probabilities clipped to [1e-7, 1 - 1e-7], Backprop Studio from the logits; they differ only where a probability is below 1e-7`,
    );
  }
  if ((t?.validationSplit ?? 0.1) > 0) {
    notes.push(
      `validationSplit ${pyNum(t?.validationSplit ?? 0.1)}: the Keras file trains on every row of DATA.json (hold rows out in the data file, e.g. with export-data, to validate)`,
    );
  }
  // what the layers' own Keras mappings cannot carry exactly (their descriptors say; passed in,
  // since the layer files import this module)
  notes.push(...layerNotes);
  notes.push(
    `seed ${t?.seed ?? 42}: Keras draws the initial weights (same distributions as Backprop Studio's) and the batch order with its own generator, so the numbers differ; load a Backprop Studio weights file (--weights) for the same start`,
  );
  return notes;
}
