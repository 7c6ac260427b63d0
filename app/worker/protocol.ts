// What crosses the worker boundary: plain data and typed arrays only (STYLE.md habit 5). The main thread
// sends a graph and where its data comes from; the worker streams Progress records back, throttled.
import type { UploadKind } from '../../engine/index.ts';
import type { DivergenceInfo, TrainStatus } from '../../engine/index.ts';
import type { AttentionRecord } from '../../engine/index.ts';
import type { EmbeddingMap } from '../../engine/index.ts';
import type { GateRecord } from '../../engine/index.ts';
import type { LayerGrads } from '../../engine/index.ts';
import type { LmTable } from '../../engine/index.ts';
import type { ValuesRecord } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { Rate } from './rate.ts';

/** Where the training data comes from: the graph's own training.dataset, or a file the user uploaded. */
export type DataSource =
  | { kind: 'builtin' }
  | { kind: 'upload'; uploadKind: UploadKind; name: string; text: string };

/** What the worker learned when it loaded a graph and its data (for the panels). */
export interface LoadInfo {
  /** e.g. "builtin:recall" or "upload:my.csv" */
  datasetId: string;
  description: string;
  task: 'classification' | 'binary' | 'regression' | 'language-model';
  sizes: { train: number; val: number };
  stepsPerEpoch: number;
  epochs: number;
  inputShape: number[];
  outputShape: number[];
  /** token strings, for language models and text classifiers */
  vocab?: string[];
  tokenizer?: 'char' | 'word';
  classNames?: string[];
  /** ids of the recurrent nodes, in graph order (each gets a per-time-step view) */
  recurrent: string[];
  /** workers computing each batch: 2 = this worker and a second one sharing the weights */
  workers: 1 | 2;
  /** why it is one worker, when two could have run (not isolated, small batches, ...) */
  workersWhy?: string;
}

/** A load that failed: a sentence for the student, with line/column when the problem is in a file. */
export interface LoadFailure {
  ok: false;
  message: string;
  line?: number;
  column?: number;
}

/** Result of load(). */
export type LoadResult = { ok: true; info: LoadInfo } | LoadFailure;

/** A few rows of a dataset as text, and the shapes they make (the picker's preview). */
export interface Preview {
  datasetId: string;
  description: string;
  /** x shape with the batch axis, e.g. [2000, 30] */
  xShape: number[];
  yShape: number[];
  /** up to 5 rows, each "input -> target" rendered for a person */
  rows: string[];
}

/** Result of preview(). */
export type PreviewResult = { ok: true; preview: Preview } | LoadFailure;

/** Per-time-step gradient norms of every recurrent node, packed into one transferable array. */
export interface PackedTimesteps {
  ids: string[];
  /** where node ids[i]'s norms start in data; its length is offsets[i + 1] - offsets[i] */
  offsets: number[];
  /** ||dL/dh_t|| for t = 1..T of each node, one after the other */
  data: Float32Array;
}

/** One throttled progress record (at most about 20 per second). */
export interface Progress {
  status: TrainStatus;
  step: number;
  epoch: number;
  epochs: number;
  stepsPerEpoch: number;
  /** mean training loss of the last chunk */
  loss: number;
  /** every per-step training loss since the previous record; losses[i] belongs to step firstStep + i */
  losses: Float32Array;
  firstStep: number;
  accuracy?: number;
  perplexity?: number;
  /** validation metrics of the last completed epoch */
  valLoss?: number;
  valAccuracy?: number;
  /** step at which those validation metrics were measured (so the chart plots each once) */
  valStep?: number;
  learningRate: number;
  gradNorm: number;
  /** edge id -> gradient norm, node id -> param -> norm, from the last instrumented step */
  edges: Record<string, number>;
  params: Record<string, Record<string, number>>;
  timesteps: PackedTimesteps;
  divergence?: DivergenceInfo;
  /** the step that diverged: one past the last finite step (`step`), the number the message names */
  divergedAt?: number;
  /** optimizer steps per chunk the loop currently runs (adapted to ~40 ms) */
  chunk: number;
  /** throughput measured in the worker while the loop runs (absent when paused or for a single Step) */
  rate?: Rate;
}

/** Called by the worker with every progress record (a Comlink.proxy on the main thread). */
export type ProgressListener = (p: Progress) => void;

/** Result of a 2D decision grid: probabilities per cell plus the training points to draw on top. */
export interface GridResult {
  resolution: number;
  classes: number;
  /** [resolution (y), resolution (x), classes], row 0 = lowest y */
  probs: Float32Array;
  range: { x: [number, number]; y: [number, number] };
  /** up to 400 training points: x, y interleaved, and their class ids */
  points: Float32Array;
  labels: Int32Array;
}

/** What an open view asks the worker for (app/worker/views.ts answers). */
export type ViewRequest =
  /** gates and states of a recurrent node for row `example` of the view rows, or -1 = their mean */
  | { kind: 'gates'; nodeId: string; example: number }
  /** activations and gradients for dataset row `example` */
  | { kind: 'values'; example: number }
  /** the next-token table of `text` (null: a line of the model's own data) */
  | { kind: 'lm-table'; text: string | null }
  | { kind: 'layer-grads' }
  | { kind: 'embedding'; nodeId: string }
  /** attention weights of a SelfAttention node for row `example`, or -1 = their mean */
  | { kind: 'attention'; nodeId: string; example: number };

/** The worker's answer; `step` = optimizer steps done when it was computed. */
export type ViewResult =
  | { kind: 'gates'; step: number; record: GateRecord; rows: number; labels?: string[] }
  | { kind: 'values'; step: number; record: ValuesRecord; rows: number; classNames?: string[] }
  | { kind: 'lm-table'; step: number; text: string; table: LmTable }
  | { kind: 'layer-grads'; step: number; grads: LayerGrads }
  | { kind: 'embedding'; step: number; map: EmbeddingMap }
  | { kind: 'attention'; step: number; record: AttentionRecord; rows: number; labels?: string[] }
  | { kind: 'error'; step: number; message: string };

/** The worker's API (exposed with comlink; every method may be awaited from the main thread). */
export interface WorkerApi {
  /** compiles the graph, loads its data and makes a trainer; progress goes to `listener`; `alive` is
   *  called at most once a second from inside steps (a long step is not a dead worker) */
  load(graph: Graph, source: DataSource, listener: ProgressListener, alive?: () => void): Promise<LoadResult>;
  /** a few samples and shapes of the data for this graph, without training */
  preview(graph: Graph, source: DataSource): Promise<PreviewResult>;
  /** trains until paused, stopped, finished or diverged; resolves then */
  start(): Promise<void>;
  pause(): void;
  /** exactly one optimizer step (from idle or paused), reported at once */
  stepOnce(): void;
  stop(): void;
  /** back to the initial weights, step 0 */
  reset(): void;
  topK(prefix: string, k: number): { token: string; prob: number }[];
  sample(prefix: string, length: number, temperature: number, seed: number): string;
  grid(resolution: number): GridResult | null;
  classify(text: string): number[];
  /** the characters or words of typed text the model never saw, and what it does instead (null: none) */
  unknownTokens(text: string): { unknown: string[]; message: string } | null;
  /** data for an open view, on the current weights (between training chunks) */
  view(req: ViewRequest): ViewResult;
  /** the loaded model's current weights as a safetensors file (null before a graph is loaded) */
  weights(): Uint8Array | null;
  /** copies a weights file (.safetensors or our JSON) into the loaded model; the first mismatched tensor is named */
  loadWeights(
    name: string,
    bytes: Uint8Array,
  ): { ok: true; tensors: number } | { ok: false; message: string };
  /** the graph's dataset as export-data writes it, in one .tar (folder `folder`) */
  exportData(
    graph: Graph,
    source: DataSource,
    folder: string,
  ): Promise<{ ok: true; tar: Uint8Array } | LoadFailure>;
  /** test and lecture hook for the faults the watchdog exists for: 'close' = the worker closes itself
   *  without a word (no error event reaches the page; a no-op outside a worker); 'silence' = it keeps
   *  training but sends no more progress, as a hung or wedged worker would look */
  simulateFault(kind: 'close' | 'silence'): void;
}
