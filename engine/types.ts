// Plain-data contracts shared by the model, the trainer, the CLI and the worker. Everything here is
// structured-clone safe (no classes, no functions), so it crosses the worker boundary as is.

/** Gradient instrumentation of one backward pass (ARCHITECTURE.md, "Gradient instrumentation"). */
export interface GradientReport {
  /** edge id -> ||dL/d(output of source)|| as sent back along that edge */
  edges: Record<string, number>;
  /** node id -> param name -> ||dL/dW|| */
  params: Record<string, Record<string, number>>;
  /** recurrent node id -> [||dL/dh_1||, ..., ||dL/dh_T||] */
  timesteps: Record<string, number[]>;
  /** node id -> share of sigmoid/tanh units near saturation, in [0, 1] */
  saturation: Record<string, number>;
}

/** Resolved loss of a model (training.loss "auto" is resolved at compile time). */
export type LossKind = 'categorical_crossentropy' | 'binary_crossentropy' | 'mse';

/** Weights file (CLI, app download, PyTorch export). Layouts per shared/reference/README.md. */
export interface WeightsFile {
  format: 'backprop-studio.weights';
  version: 1;
  tensors: Record<string, { shape: number[]; data: number[] }>;
}

/** Why training ended or paused. */
export type TrainStatus = 'idle' | 'running' | 'paused' | 'finished' | 'diverged' | 'stopped';

/** Where the first non-finite value appeared. */
export interface DivergenceInfo {
  /** node id, or null when the loss itself was the first non-finite value */
  nodeId: string | null;
  /** param name, or null for an activation/loss */
  param: string | null;
  /** edge id the non-finite gradient first travelled along, when known */
  edgeId?: string | null;
  /** a sentence for a student */
  message: string;
}

/** Metrics of one completed epoch (the CLI's --json line; the UI's epoch chart). */
export interface EpochMetrics {
  /** 1-based number of the epoch just completed */
  epoch: number;
  /** optimizer updates done so far */
  step: number;
  /** mean training loss over the epoch (weighted by batch rows) */
  loss: number;
  accuracy?: number;
  perplexity?: number;
  valLoss?: number;
  valAccuracy?: number;
  valPerplexity?: number;
}

/** What the trainer reports after step(n); plain data for the worker boundary. */
export interface TrainSnapshot {
  status: TrainStatus;
  /** optimizer updates done so far */
  step: number;
  /** completed epochs (fractional progress in epochProgress) */
  epoch: number;
  epochProgress: number;
  /** mean training loss of the last step(s) */
  loss: number;
  /** recent per-step training losses since the previous snapshot (for the chart) */
  losses: number[];
  valLoss?: number;
  accuracy?: number;
  valAccuracy?: number;
  perplexity?: number;
  learningRate: number;
  /** global L2 norm of the raw gradient of the last step */
  gradNorm: number;
  gradients?: GradientReport;
  divergence?: DivergenceInfo;
  /** the last epoch completed during this step(n) call, if any */
  epochEnd?: EpochMetrics;
}
