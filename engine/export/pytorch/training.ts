// The training setup of the PyTorch file, from the graph's `training` section: optimizer (PyTorch's
// own classes, whose update rules our engine follows), loss on logits, gradient clipping.
import { type ClipConfig, OptimizerConfig } from '../../../graph-schema/schema.ts';
import { optimizerEntry } from '../../optim/table.ts';
import type { ExportPlan } from '../plan.ts';
import { pyNum, pyStr } from '../python.ts';

/** The torch.optim constructor call for the graph's optimizer (engine/optim/table.ts). */
export function optimizerCall(opt: OptimizerConfig): string {
  return optimizerEntry(opt).pytorch(opt);
}

/** The optimizer of a graph without a training section: Adam with the schema's defaults. */
export const FALLBACK_OPTIMIZER: OptimizerConfig = OptimizerConfig.parse({ type: 'adam' });

function clipLine(clip: ClipConfig | undefined): string {
  if (!clip) return '    pass  # the graph does not clip gradients';
  if (clip.type === 'norm')
    return `    torch.nn.utils.clip_grad_norm_(params, max_norm=${pyNum(clip.max)})  # global norm`;
  return `    torch.nn.utils.clip_grad_value_(params, clip_value=${pyNum(clip.max)})`;
}

const LOSS: Record<ExportPlan['loss'], { ctor: string; doc: string; body: string[] }> = {
  categorical_crossentropy: {
    ctor: 'nn.CrossEntropyLoss()',
    doc: 'softmax cross-entropy on the logits (log-sum-exp inside: stable for large logits)',
    body: [
      '    # one row per position: [B, K] or [B, T, K] logits against [B] or [B, T] class ids (mean over all)',
      '    return loss_fn(out.reshape(-1, out.shape[-1]), y.reshape(-1).long())',
    ],
  },
  binary_crossentropy: {
    ctor: 'nn.BCEWithLogitsLoss()',
    doc: 'sigmoid binary cross-entropy on the logits (stable for saturated outputs)',
    body: ['    return loss_fn(out, y.reshape(out.shape).to(out.dtype))'],
  },
  mse: {
    ctor: 'nn.MSELoss()',
    doc: 'mean squared error of the output',
    body: ['    return loss_fn(out, y.reshape(out.shape).to(out.dtype))'],
  },
};

/** Python source of TRAINING, make_optimizer, make_loss, loss_of, clip_gradients. */
export function trainingSource(plan: ExportPlan): string {
  const t = plan.training;
  const opt = t?.optimizer ?? FALLBACK_OPTIMIZER;
  const loss = LOSS[plan.loss];
  const batch = t?.batchSize === 'full' ? pyStr('full') : String(t?.batchSize ?? 32);
  return [
    "# The graph's training section. Dataset: " +
      JSON.stringify(t?.dataset?.id ?? 'none') +
      ' (pass --data to train here).',
    `TRAINING = {"loss": ${pyStr(plan.loss)}, "batch_size": ${batch}, "epochs": ${t?.epochs ?? 10}, "seed": ${t?.seed ?? 42}, "validation_split": ${pyNum(t?.validationSplit ?? 0.1)}}`,
    '',
    '',
    'def make_optimizer(params):',
    `    """The graph's optimizer (${opt.type}), with PyTorch's class and update rule."""`,
    `    return ${optimizerCall(opt)}`,
    '',
    '',
    'def make_loss():',
    `    """${plan.loss}: ${loss.doc}, the mean over the batch."""`,
    `    return ${loss.ctor}`,
    '',
    '',
    'def loss_from(loss_fn, out, y):',
    '    """The mean loss of a batch from the logits (forward(x, logits=True)) and the targets."""',
    ...loss.body,
    '',
    '',
    'def loss_of(model, loss_fn, x, y):',
    '    """The mean loss of a batch: x as for forward(), y the targets."""',
    '    return loss_from(loss_fn, model(x, logits=True), y)',
    '',
    '',
    'def clip_gradients(params):',
    '    """The graph\'s gradient clipping, after backward and before the optimizer step."""',
    clipLine(t?.clip ?? null),
  ].join('\n');
}
