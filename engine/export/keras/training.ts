// The Keras version of the graph's training setup. Keras's optimizers differ from PyTorch's in
// details our engine follows PyTorch on (epsilon placement, no SGD dampening); the settings are
// mapped as exactly as Keras allows and kerasNotes() (exactness.ts) lists what still differs.
import type { ClipConfig, OptimizerConfig } from '../../../graph-schema/schema.ts';
import { optimizerEntry } from '../../optim/table.ts';
import { FALLBACK_OPTIMIZER } from '../pytorch/training.ts';
import type { ExportPlan } from '../plan.ts';
import { pyNum, pyStr } from '../python.ts';

function clipArg(clip: ClipConfig | undefined): string {
  if (!clip) return '';
  return clip.type === 'norm' ? `, global_clipnorm=${pyNum(clip.max)}` : `, clipvalue=${pyNum(clip.max)}`;
}

/** The keras.optimizers call: exact where Keras can be, else the closest setting (the optimizer
 *  table's `keras`, engine/optim/table.ts); kerasNotes() (exactness.ts) lists what still differs. */
export function kerasOptimizer(opt: OptimizerConfig, clip: ClipConfig | undefined): string {
  return optimizerEntry(opt).keras(opt, clipArg(clip));
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
  const opt = t?.optimizer ?? FALLBACK_OPTIMIZER;
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
