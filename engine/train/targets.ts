// Targets checked against the loss before training: binary cross-entropy needs targets in [0, 1],
// categorical cross-entropy needs whole class ids below the output width, MSE needs targets the
// output activation can reach. "auto" takes the loss the data implies (a regression trains with
// MSE even on a sigmoid output), so it never picks a loss the data contradicts.
import type { LossName } from '../../graph-schema/schema.ts';
import type { Dataset, TaskKind } from '../data/types.ts';
import type { Model } from '../model.ts';
import type { LossKind } from '../types.ts';

/** The data does not fit the loss; the message says what to change. */
export class TargetsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetsError';
  }
}

const LOSS_TEXT: Record<LossKind, string> = {
  binary_crossentropy: 'binary cross-entropy',
  categorical_crossentropy: 'categorical cross-entropy',
  mse: 'mean squared error',
};

/** The loss a dataset's task implies. */
export function impliedLoss(task: TaskKind): LossKind {
  if (task === 'binary') return 'binary_crossentropy';
  if (task === 'regression') return 'mse';
  return 'categorical_crossentropy';
}

/** The model to train on `data`: `model` itself, or (loss "auto") the same network with the loss the
 *  data implies; `note` says when "auto" chose differently from the output node alone. Throws
 *  TargetsError when the targets do not fit the loss. */
export function fitLossToData(
  model: Model,
  data: Dataset,
  requested: LossName | undefined,
): { model: Model; note?: string } {
  let fitted = model;
  let note: string | undefined;
  if ((requested ?? 'auto') === 'auto') {
    const want = impliedLoss(data.task);
    if (want !== model.loss) {
      try {
        fitted = model.withLoss(want);
        note = `loss "auto": the data is a ${data.task} task, so ${LOSS_TEXT[want]} (not ${LOSS_TEXT[model.loss]}, which the output '${fitted.outputNode().id}' alone suggests)`;
      } catch {
        // the output cannot carry the data's loss: the check below says what to change
      }
    }
  }
  const problem = targetsProblem(fitted, data);
  if (problem) throw new TargetsError(problem);
  return note ? { model: fitted, note } : { model: fitted };
}

/** Smallest and largest target, and the first non-finite one (row-major index). */
function scan(y: ArrayLike<number>): { min: number; max: number; bad: number; distinct: number[] } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let bad = -1;
  const seen = new Set<number>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      if (bad < 0) bad = i;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (seen.size <= 3) seen.add(v);
  }
  return { min, max, bad, distinct: [...seen].sort((a, b) => a - b) };
}

/** Why the data's targets cannot train `model` with its loss, or null when they fit. */
export function targetsProblem(model: Model, data: Dataset): string | null {
  const y = data.y.data;
  if (y.length === 0) return null;
  const s = scan(y);
  const out = model.outputNode();
  const where = `'${out.id}'`;
  if (s.bad >= 0)
    return `target ${s.bad + 1} of ${data.id} is ${y[s.bad]}: every target must be a finite number`;
  const range = s.min === s.max ? num(s.min) : `from ${num(s.min)} to ${num(s.max)}`;
  const two = s.distinct.length === 2 ? s.distinct : null;
  const relabel = two ? `relabel ${two[0]} as 0 and ${two[1]} as 1 for a yes/no classifier` : null;
  if (model.loss === 'binary_crossentropy') {
    if (s.min >= 0 && s.max <= 1) return null;
    const fix = relabel
      ? `${relabel}, or use activation identity on ${where} with loss mse to predict the numbers`
      : `use activation identity on ${where} with loss mse for a regression, or rescale the targets into [0, 1]`;
    return `binary cross-entropy needs targets from 0 to 1 (a probability), but ${data.id} has targets ${range}: ${fix}`;
  }
  if (model.loss === 'categorical_crossentropy') {
    const k = model.outputShape[model.outputShape.length - 1];
    for (let i = 0; i < y.length; i++) {
      const v = y[i];
      if (Number.isInteger(v) && v >= 0 && v < k) continue;
      const fix =
        Number.isInteger(v) && v >= k
          ? `give ${where}'s layer at least ${s.max + 1} units (one per class), or relabel the classes 0 to ${k - 1}`
          : `relabel the classes as whole numbers 0 to ${k - 1}, or use loss mse to predict numbers`;
      return `categorical cross-entropy needs class ids 0 to ${k - 1} (the output ${where} has ${k} classes), but target ${i + 1} of ${data.id} is ${v}: ${fix}`;
    }
    return null;
  }
  const reach = outputRange(model);
  if (reach && (s.min < reach.lo || s.max > reach.hi)) {
    const fix = `use activation identity on ${where} to predict the numbers (a regression), or rescale the targets into ${reach.interval}`;
    return `${reach.what} on ${where} only gives values ${reach.text}, but ${data.id} has targets ${range}: ${relabel ? `${relabel} (binary cross-entropy), or ` : ''}${fix}`;
  }
  return null;
}

/** The values the output activation can produce, when bounded. */
function outputRange(
  model: Model,
): { lo: number; hi: number; text: string; interval: string; what: string } | null {
  const out = model.outputNode();
  const act = out.type === 'Softmax' ? 'softmax' : out.type === 'Dense' ? out.params.activation : 'identity';
  if (act === 'sigmoid' || act === 'softmax')
    return { lo: 0, hi: 1, text: 'from 0 to 1', interval: '[0, 1]', what: `the ${act}` };
  if (act === 'tanh') return { lo: -1, hi: 1, text: 'from -1 to 1', interval: '[-1, 1]', what: 'the tanh' };
  if (act === 'relu')
    return {
      lo: 0,
      hi: Number.POSITIVE_INFINITY,
      text: 'of 0 and above',
      interval: '[0, ∞)',
      what: 'the relu',
    };
  return null;
}

/** A target value for a message: at most 4 significant digits. */
function num(v: number): string {
  return String(Number(v.toPrecision(4)));
}
