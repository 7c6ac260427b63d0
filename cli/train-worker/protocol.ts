// What the CLI's main thread sends its training worker (workerData) and what the worker posts back.
// Plain data only: it crosses a worker_threads boundary (structured clone; the flag is shared memory).
import type { Graph } from '../../graph-schema/schema.ts';
import type {
  Dataset,
  Diagnostic,
  DivergenceInfo,
  EpochMetrics,
  GradientReport,
  InterruptPlace,
  TrainStatus,
  WeightsFile,
} from '../../engine/index.ts';

/** One training run, everything checked and loaded by the main thread beforehand. */
export interface TrainJob {
  /** the graph file as the user named it (for messages) */
  file: string;
  graph: Graph;
  dataset: Dataset;
  /** the --data file, when given (messages about the targets name it) */
  dataFile?: string;
  epochs: number;
  /** at most this many optimizer updates (--steps) */
  steps?: number;
  /** starting weights (--load-weights), already parsed, with the path for messages */
  load?: { path: string; weights: WeightsFile };
  /** where to write the weights when training ends (--save-weights) */
  save?: string;
  /** progress messages at most this often (ms); epoch ends always */
  progressEveryMs?: number;
  /** --workers: split batches computed by one worker or two (cli/parallel/choose.ts); default auto */
  workers?: 1 | 2 | 'auto';
}

/** The run's end, as the done line and the last text line report it. */
export interface TrainOutcome {
  status: Exclude<TrainStatus, 'idle' | 'running' | 'paused'>;
  epoch: number;
  epochs: number;
  step: number;
  /** the last completed epoch's metrics, or the last step's when no epoch completed */
  last: EpochMetrics;
  divergence?: DivergenceInfo;
  /** set when Ctrl-C stopped the run: the step that was running (never applied) and where */
  interrupted?: { step: number; place: InterruptPlace };
  /** the weights file written, or why it could not be */
  saved?: { ok: true; path: string } | { ok: false; message: string };
}

/** Messages from the worker, in order: ready, then progress/epoch lines, then done or failed. */
export type WorkerMessage =
  | {
      type: 'ready';
      total: number;
      lossNote?: string;
      dataset: string;
      workers?: 1 | 2;
      workersNote?: string;
    }
  | { type: 'progress'; step: number; total: number; loss: number }
  | { type: 'epoch'; metrics: EpochMetrics; gradients?: GradientReport; epochs: number }
  | { type: 'done'; outcome: TrainOutcome }
  /** the graph, data or weights do not fit (exit 1): diagnostics or one message, reported by main */
  | { type: 'invalid'; diagnostics?: Diagnostic[]; message?: string };
