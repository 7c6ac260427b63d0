// The worker's API object: one trainer at a time, its loop, and inference on its model. Plain TypeScript
// (no comlink here), so Node tests call it directly; trainer.worker.ts exposes it with comlink.
import { PER_STEP_TYPES } from '../../engine/index.ts';
import type { Dataset } from '../../engine/index.ts';
import { datasetFiles } from '../../engine/index.ts';
import { tarArchive } from '../../engine/index.ts';
import { Rng } from '../../engine/index.ts';
import { classifyText, decisionGrid, outOfVocabulary, sample, topKNext } from '../../engine/index.ts';
import { encodeSafetensors, parseWeightsBytes } from '../../engine/index.ts';
import { inputSpecOf } from '../../engine/index.ts';
import { createTrainer, type Trainer } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import type { ShardRunner } from '../../engine/index.ts';
import { loadModelAndData, previewOf } from './data.ts';
import { chooseWorkers } from './shard-peer.ts';
import { type LoopClock, realClock, TrainLoop } from './loop.ts';
import { computeView } from './views.ts';
import { heartbeatCheck } from './heartbeat.ts';
import type { GridResult, LoadInfo, LoadResult, Progress, WorkerApi } from './protocol.ts';

/** Node types with per-time-step gradient norms (the descriptors' perStep). */
const RECURRENT = PER_STEP_TYPES;

/** How progress leaves the worker: the comlink wrapper adds transfer of the typed arrays. */
export type Sender = (p: Progress, listener: (p: Progress) => void) => void;

/** Creates the API; `send` defaults to a direct call (Node tests). */
export function createWorkerApi(
  send: Sender = (p, l) => l(p),
  clock: LoopClock = realClock,
  beatNow: () => number = Date.now,
): WorkerApi {
  let trainer: Trainer | null = null;
  let dataset: Dataset | null = null;
  let loop: TrainLoop | null = null;
  /** simulateFault('silence'): progress is no longer sent (the watchdog's test) */
  let silenced = false;
  // the second worker of the loaded run (both cores), ended when another run loads
  let peer: ShardRunner | undefined;

  const need = (): { trainer: Trainer; dataset: Dataset; loop: TrainLoop } => {
    if (!trainer || !dataset || !loop) throw new Error('no model is loaded: press Train first');
    return { trainer, dataset, loop };
  };

  return {
    simulateFault(kind) {
      if (kind === 'silence') silenced = true;
      // a worker's global close(); Node tests have none
      else (globalThis as { close?: () => void }).close?.();
    },
    async load(graph, source, listener, alive): Promise<LoadResult> {
      loop?.stop();
      trainer = null;
      peer?.close();
      peer = undefined;
      const r = await loadModelAndData(graph, source);
      if (!r.ok) return r;
      const workers = await chooseWorkers(r.model, r.dataset);
      peer = workers.peer;
      try {
        // signs of life from inside long steps, for the page's watchdog (never stops a step)
        const beat = () => {
          if (!silenced) void Promise.resolve(alive?.()).catch(() => undefined);
        };
        const interrupt = alive ? heartbeatCheck(beat, beatNow) : undefined;
        trainer = createTrainer(graph, r.dataset, { model: r.model, peer, interrupt });
      } catch (e) {
        peer?.close();
        peer = undefined;
        return { ok: false, message: (e as Error).message };
      }
      dataset = r.dataset;
      loop = new TrainLoop(
        trainer,
        (p) => {
          if (!silenced) send(p, listener);
        },
        clock,
      );
      const info = infoOf(graph, trainer, r.dataset);
      if (workers.why) info.workersWhy = workers.why;
      return { ok: true, info };
    },
    async preview(graph, source) {
      const r = await loadModelAndData(graph, source);
      return r.ok ? { ok: true, preview: previewOf(r.dataset) } : r;
    },
    start: () => need().loop.run(),
    pause: () => loop?.pause(),
    stepOnce: () => loop?.stepOnce(),
    stop: () => loop?.stop(),
    reset: () => loop?.reset(),
    topK(prefix, k) {
      const { trainer, dataset } = need();
      return topKNext(trainer.model, dataset, prefix, k);
    },
    sample(prefix, length, temperature, seed) {
      const { trainer, dataset } = need();
      // the dataset says what is padding and where an item ends (names: ".", id 0, a real token)
      return sample(trainer.model, dataset, prefix, length, temperature, new Rng(seed));
    },
    grid(resolution) {
      const { trainer, dataset } = need();
      return gridOf(trainer, dataset, resolution);
    },
    classify(text) {
      const { trainer, dataset } = need();
      return classifyText(trainer.model, dataset, text);
    },
    unknownTokens(text) {
      const { dataset } = need();
      return outOfVocabulary(dataset, text);
    },
    view(req) {
      if (!trainer || !dataset) return { kind: 'error', step: 0, message: 'no model is loaded yet' };
      return computeView(trainer, dataset, req);
    },
    weights() {
      if (!trainer) return null;
      const dtype = trainer.model.dtype === 'float64' ? 'F64' : 'F32';
      return encodeSafetensors(trainer.model.getWeights(), { dtype });
    },
    loadWeights(name, bytes) {
      if (!trainer) return { ok: false, message: 'no model is loaded: press Train first' };
      const parsed = parseWeightsBytes(name, bytes);
      if (!parsed.ok) return parsed;
      try {
        // checks every name and shape before copying: a refused file leaves the weights as they were
        trainer.model.setWeights(parsed.weights);
      } catch (e) {
        return { ok: false, message: (e as Error).message };
      }
      return { ok: true, tensors: Object.keys(parsed.weights.tensors).length };
    },
    async exportData(graph, source, folder) {
      const r = await loadModelAndData(graph, source);
      if (!r.ok) return r;
      const stride = graph.training?.dataset.options?.stride;
      const files = datasetFiles(r.dataset, graph.training!, {
        xDtype: inputSpecOf(r.model).dtype,
        stride: typeof stride === 'number' ? stride : undefined,
        graphName: graph.name,
      });
      return { ok: true, tar: tarArchive(files.map((f) => ({ name: `${folder}/${f.name}`, data: f.data }))) };
    },
  };
}

function infoOf(graph: Graph, trainer: Trainer, d: Dataset): LoadInfo {
  const info: LoadInfo = {
    datasetId: d.id,
    description: d.description,
    task: d.task,
    sizes: trainer.sizes,
    stepsPerEpoch: trainer.stepsPerEpoch,
    epochs: trainer.epochs,
    inputShape: trainer.model.inputShape,
    outputShape: trainer.model.outputShape,
    recurrent: graph.nodes.filter((n) => RECURRENT.has(n.type)).map((n) => n.id),
    workers: trainer.workers,
  };
  if (d.vocab) info.vocab = d.vocab;
  if (d.tokenizer) info.tokenizer = d.tokenizer;
  if (d.classNames) info.classNames = d.classNames;
  return info;
}

/** The decision grid over the data's range (with a margin) and up to 400 points to draw on it. */
function gridOf(trainer: Trainer, d: Dataset, resolution: number): GridResult | null {
  const m = trainer.model;
  if (m.inputShape.length !== 1 || m.inputShape[0] !== 2) return null;
  const n = d.x.shape[0];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const x = d.x.data[2 * i];
    const y = d.x.data[2 * i + 1];
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const pad = 0.1 * Math.max(x1 - x0, y1 - y0, 1e-6);
  const range = { x: [x0 - pad, x1 + pad] as [number, number], y: [y0 - pad, y1 + pad] as [number, number] };
  const g = decisionGrid(m, range.x, range.y, resolution);
  const shown = Math.min(400, n);
  const step = n / shown;
  const points = new Float32Array(2 * shown);
  const labels = new Int32Array(shown);
  const width = d.y.data.length / n;
  for (let k = 0; k < shown; k++) {
    const i = Math.floor(k * step);
    points[2 * k] = d.x.data[2 * i];
    points[2 * k + 1] = d.x.data[2 * i + 1];
    labels[k] = width === 1 ? Math.round(d.y.data[i]) : argmax(d.y.data, i * width, width);
  }
  return { resolution: g.resolution, classes: g.classes, probs: g.probs, range, points, labels };
}

function argmax(a: ArrayLike<number>, from: number, width: number): number {
  let best = 0;
  for (let j = 1; j < width; j++) if (a[from + j] > a[from + best]) best = j;
  return best;
}
