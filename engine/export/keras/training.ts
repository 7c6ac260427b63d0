// The Keras version of the graph's training setup. Keras's optimizers differ from PyTorch's in
// details our engine follows PyTorch on (epsilon placement, no SGD dampening); the settings are
// mapped as exactly as Keras allows and kerasNotes() (exactness.ts) lists what still differs.
import type { ClipConfig, OptimizerConfig } from '../../../graph-schema/schema.ts';
import type { ExportPlan } from '../plan.ts';
import { pyBool, pyNum, pyStr } from '../python.ts';
import { kerasInnerEpsilon } from './exactness.ts';

type Opt = OptimizerConfig & Record<string, unknown>;
const num = (o: Opt, key: string, fallback: number) =>
  pyNum(typeof o[key] === 'number' ? (o[key] as number) : fallback);

function clipArg(clip: ClipConfig | undefined): string {
  if (!clip) return '';
  return clip.type === 'norm' ? `, global_clipnorm=${pyNum(clip.max)}` : `, clipvalue=${pyNum(clip.max)}`;
}

/** The keras.optimizers call: exact where Keras can be (Adagrad's lr decay is Keras's
 *  InverseTimeDecay with decay_steps 1, since Keras counts steps from 0), else the closest setting;
 *  kerasNotes() lists what still differs. */
export function kerasOptimizer(opt: Opt, clip: ClipConfig | undefined): string {
  const lrValue = num(opt, 'lr', opt.type === 'adam' ? 0.001 : 0.01);
  const lr = `learning_rate=${lrValue}`;
  const c = clipArg(clip);
  const inner = (fallback: number) =>
    pyNum(kerasInnerEpsilon(typeof opt.eps === 'number' ? opt.eps : fallback));
  switch (opt.type) {
    case 'sgd':
      return `keras.optimizers.SGD(${lr}${c})`;
    case 'momentum':
    case 'nesterov':
      return `keras.optimizers.SGD(${lr}, momentum=${num(opt, 'momentum', 0.9)}, nesterov=${pyBool(opt.type === 'nesterov')}${c})`;
    case 'adagrad': {
      const decay = typeof opt.lrDecay === 'number' ? opt.lrDecay : 0;
      const rate =
        decay === 0
          ? lr
          : `learning_rate=keras.optimizers.schedules.InverseTimeDecay(${lrValue}, decay_steps=1, decay_rate=${pyNum(decay)})`;
      return `keras.optimizers.Adagrad(${rate}, initial_accumulator_value=${num(opt, 'initialAccumulatorValue', 0)}, epsilon=${inner(1e-10)}${c})`;
    }
    case 'rmsprop':
      return `keras.optimizers.RMSprop(${lr}, rho=${num(opt, 'alpha', 0.99)}, momentum=${num(opt, 'momentum', 0)}, epsilon=${inner(1e-8)}, centered=${pyBool(opt.centered === true)}${c})`;
    case 'adam':
      return `keras.optimizers.Adam(${lr}, beta_1=${num(opt, 'beta1', 0.9)}, beta_2=${num(opt, 'beta2', 0.999)}, epsilon=${num(opt, 'eps', 1e-8)}${c})`;
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
  const call = kerasOptimizer(opt, t?.clip ?? null);
  const batch = t?.batchSize === 'full' ? pyStr('full') : String(t?.batchSize ?? 32);
  const metrics = plan.loss === 'mse' ? '' : ', metrics=["accuracy"]';
  return [
    `TRAINING = {"loss": ${pyStr(plan.loss)}, "batch_size": ${batch}, "epochs": ${t?.epochs ?? 10}, "seed": ${t?.seed ?? 42}}`,
    '',
    '',
    'def compile_for_training(model):',
    `    """The graph's optimizer (${opt.type}), clipping and loss (${plan.loss}) in Keras terms."""`,
    `    optimizer = ${call}`,
    `    model.compile(optimizer=optimizer, loss=${LOSSES[plan.loss]}${metrics})`,
  ].join('\n');
}
