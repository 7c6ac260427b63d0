// One kept training run: what it trained (graph, settings, label), how to place its steps on the
// chart's x-axes (batch, training rows, steps per epoch) and its curves.
import type { RunSettings } from './settings.ts';

/** A kept run. Curves are plain arrays so the record is stored in IndexedDB as is. */
export interface RunRecord {
  id: string;
  /** ms since epoch, when the run began */
  createdAt: number;
  graphName: string;
  settings: RunSettings;
  /** what changed since the previous run, e.g. "batch 1" */
  label: string;
  /** CSS colour of its curves */
  colour: string;
  visible: boolean;
  /** examples per optimizer step (the training rows for full-batch runs) */
  batch: number;
  trainSize: number;
  stepsPerEpoch: number;
  /** last known status: running, paused, finished, stopped, diverged */
  status: string;
  /** training loss per optimizer step: loss[i] at step steps[i] */
  steps: number[];
  loss: number[];
  /** validation loss after each epoch: valLoss[i] measured at step valSteps[i] */
  valSteps: number[];
  valLoss: number[];
}

/** What the chart's x-axis counts. */
export type XAxis = 'steps' | 'epochs' | 'examples';

/** Examples seen after `step` optimizer steps (the last batch of an epoch may be short). */
export function examplesSeen(
  r: Pick<RunRecord, 'batch' | 'trainSize' | 'stepsPerEpoch'>,
  step: number,
): number {
  const spe = Math.max(1, r.stepsPerEpoch);
  const done = Math.floor((step - 1) / spe);
  const within = step - done * spe;
  return done * r.trainSize + Math.min(within * r.batch, r.trainSize);
}

/** The x value of a step on the chosen axis. */
export function xOf(
  r: Pick<RunRecord, 'batch' | 'trainSize' | 'stepsPerEpoch'>,
  step: number,
  axis: XAxis,
): number {
  if (axis === 'epochs') return step / Math.max(1, r.stepsPerEpoch);
  if (axis === 'examples') return examplesSeen(r, step);
  return step;
}
