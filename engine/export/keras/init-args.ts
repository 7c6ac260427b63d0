// Keras initializer arguments that reproduce a node's init exactly. Kept apart from exactness.ts
// (which reads the layer registry) because the layer descriptors import these: no import cycle.
import type { ExportNode, ExportPlan } from '../plan.ts';
import { inFeatures } from '../pytorch/spec.ts';
import { pyNum } from '../python.ts';

type InitSpec = { kernel?: string; recurrent?: string; scale?: number } | undefined;

const uniform = (s: number) => `keras.initializers.RandomUniform(minval=${pyNum(-s)}, maxval=${pyNum(s)})`;
const normal = (std: number) => `keras.initializers.RandomNormal(mean=0.0, stddev=${pyNum(std)})`;

/** The kernel_initializer argument for our kernel init with these fans ('' = Keras's default, glorot_uniform). */
function kernelArg(init: InitSpec, fanIn: number, fanOut: number): string {
  const s = init?.scale ?? 0.05;
  switch (init?.kernel ?? 'glorot_uniform') {
    case 'glorot_normal':
      return `kernel_initializer=${normal(Math.sqrt(2 / (fanIn + fanOut)))}`;
    case 'he_uniform':
      return 'kernel_initializer="he_uniform"';
    case 'he_normal':
      return `kernel_initializer=${normal(Math.sqrt(2 / fanIn))}`;
    case 'uniform':
      return `kernel_initializer=${uniform(s)}`;
    case 'zeros':
      return 'kernel_initializer="zeros"';
    default:
      return '';
  }
}

/** The recurrent_initializer argument ('' = Keras's default, orthogonal). */
function recurrentArg(init: InitSpec): string {
  switch (init?.recurrent ?? 'orthogonal') {
    case 'glorot_uniform':
      return 'recurrent_initializer="glorot_uniform"';
    case 'uniform':
      return `recurrent_initializer=${uniform(init?.scale ?? 0.05)}`;
    case 'zeros':
      return 'recurrent_initializer="zeros"';
    default:
      return '';
  }
}

const initOf = (n: ExportNode): InitSpec => (n.node.params as { init?: InitSpec }).init;

/** ", kernel_initializer=..." for a Dense node (empty when Keras's defaults are already ours). */
export function kerasDenseInitArgs(n: ExportNode, units: number): string {
  const k = kernelArg(initOf(n), inFeatures(n), units);
  return k ? `, ${k}` : '';
}

/**
 * Initializer arguments of a recurrent layer with `gates` gates: Keras's kernel is [in, G*H] and its
 * recurrent kernel [H, G*H], the same fans as ours. For an LSTM, `forgetBias` 1 is Keras's
 * unit_forget_bias=True, 0 is False, and any other value the ForgetBias initializer of the file.
 */
export function kerasRecurrentInitArgs(
  n: ExportNode,
  gates: number,
  units: number,
  forgetBias?: number,
): string {
  const init = initOf(n);
  const args = [kernelArg(init, inFeatures(n), gates * units), recurrentArg(init)];
  if (forgetBias !== undefined) {
    if (forgetBias === 1 || forgetBias === 0)
      args.push(`unit_forget_bias=${forgetBias === 1 ? 'True' : 'False'}`);
    else args.push('unit_forget_bias=False', `bias_initializer=ForgetBias(${pyNum(forgetBias)})`);
  }
  return args
    .filter((a) => a !== '')
    .map((a) => `, ${a}`)
    .join('');
}

/** True when some LSTM needs the file's ForgetBias initializer. */
export function needsForgetBias(plan: ExportPlan): boolean {
  return plan.nodes.some((n) => {
    const fb = n.node.type === 'LSTM' ? (n.node.params as { forgetBias?: number }).forgetBias : undefined;
    return fb !== undefined && fb !== 0 && fb !== 1;
  });
}

/** The ForgetBias initializer class (registered so Bidirectional can copy the layer's config). */
export const FORGET_BIAS_SOURCE = `@keras.utils.register_keras_serializable(package="backprop_studio")
class ForgetBias(keras.initializers.Initializer):
    """LSTM bias as Backprop Studio starts it: zeros, the forget gate's quarter (i, f, c, o) at value."""

    def __init__(self, value):
        self.value = value

    def __call__(self, shape, dtype=None, **kwargs):
        units = shape[0] // 4
        bias = np.zeros(shape, dtype="float32")
        bias[units:2 * units] = self.value
        return tf.constant(bias, dtype=dtype or "float32")

    def get_config(self):
        return {"value": self.value}`;
