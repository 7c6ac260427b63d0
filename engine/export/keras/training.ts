// The Keras version of the graph's training setup. Keras's optimizers differ from PyTorch's in
// details our engine follows PyTorch on (Adam's epsilon placement, no SGD dampening, no Adagrad
// lr decay); the generated comments say where, so nobody expects identical trajectories.
import type { ClipConfig, OptimizerConfig } from '../../../graph-schema/schema.ts';
import type { ExportPlan } from '../plan.ts';
import { pyBool, pyNum, pyStr } from '../python.ts';

type Opt = OptimizerConfig & Record<string, unknown>;
const num = (o: Opt, key: string, fallback: number) =>
  pyNum(typeof o[key] === 'number' ? (o[key] as number) : fallback);

function clipArg(clip: ClipConfig | undefined): string {
  if (!clip) return '';
  return clip.type === 'norm' ? `, global_clipnorm=${pyNum(clip.max)}` : `, clipvalue=${pyNum(clip.max)}`;
}

/** The keras.optimizers call (plus a comment line when Keras cannot match a setting). */
export function kerasOptimizer(
  opt: Opt,
  clip: ClipConfig | undefined,
): { call: string; note: string | null } {
  const lr = `learning_rate=${num(opt, 'lr', opt.type === 'adam' ? 0.001 : 0.01)}`;
  const c = clipArg(clip);
  const damp = typeof opt.dampening === 'number' && opt.dampening !== 0;
  switch (opt.type) {
    case 'sgd':
      return { call: `keras.optimizers.SGD(${lr}${c})`, note: null };
    case 'momentum':
    case 'nesterov':
      return {
        call: `keras.optimizers.SGD(${lr}, momentum=${num(opt, 'momentum', 0.9)}, nesterov=${pyBool(opt.type === 'nesterov')}${c})`,
        note: damp
          ? `Keras's SGD has no dampening; the graph's dampening ${opt.dampening} is not applied`
          : null,
      };
    case 'adagrad':
      return {
        call: `keras.optimizers.Adagrad(${lr}, initial_accumulator_value=${num(opt, 'initialAccumulatorValue', 0)}, epsilon=${num(opt, 'eps', 1e-10)}${c})`,
        note:
          typeof opt.lrDecay === 'number' && opt.lrDecay !== 0
            ? "Keras's Adagrad has no lr_decay; use a LearningRateSchedule"
            : null,
      };
    case 'rmsprop':
      return {
        call: `keras.optimizers.RMSprop(${lr}, rho=${num(opt, 'alpha', 0.99)}, momentum=${num(opt, 'momentum', 0)}, epsilon=${num(opt, 'eps', 1e-8)}, centered=${pyBool(opt.centered === true)}${c})`,
        note: null,
      };
    case 'adam':
      return {
        call: `keras.optimizers.Adam(${lr}, beta_1=${num(opt, 'beta1', 0.9)}, beta_2=${num(opt, 'beta2', 0.999)}, epsilon=${num(opt, 'eps', 1e-8)}${c})`,
        note: 'Keras adds epsilon to the bias-corrected root slightly differently from PyTorch (tiny differences)',
      };
  }
}

const LOSSES: Record<ExportPlan['loss'], string> = {
  // the model outputs Softmax probabilities and class ids are the targets
  categorical_crossentropy: 'keras.losses.SparseCategoricalCrossentropy()',
  binary_crossentropy: 'keras.losses.BinaryCrossentropy()',
  mse: 'keras.losses.MeanSquaredError()',
};

/** Python source of TRAINING and compile_for_training(model). */
export function kerasTrainingSource(plan: ExportPlan): string {
  const t = plan.training;
  const opt = (t?.optimizer ?? { type: 'adam', lr: 0.001 }) as Opt;
  const { call, note } = kerasOptimizer(opt, t?.clip ?? null);
  const batch = t?.batchSize === 'full' ? pyStr('full') : String(t?.batchSize ?? 32);
  const metrics = plan.loss === 'mse' ? '' : ', metrics=["accuracy"]';
  return [
    `TRAINING = {"loss": ${pyStr(plan.loss)}, "batch_size": ${batch}, "epochs": ${t?.epochs ?? 10}, "seed": ${t?.seed ?? 42}}`,
    '',
    '',
    'def compile_for_training(model):',
    `    """The graph's optimizer (${opt.type}), clipping and loss (${plan.loss}) in Keras terms."""`,
    ...(note ? [`    # note: ${note}`] : []),
    `    optimizer = ${call}`,
    `    model.compile(optimizer=optimizer, loss=${LOSSES[plan.loss]}${metrics})`,
  ].join('\n');
}
