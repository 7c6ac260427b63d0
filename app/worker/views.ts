// The views' side of the worker: each open view asks for its data (no recording while training), the
// worker computes it on the current weights between training chunks and answers with plain data whose
// typed arrays are transferred. The main thread throttles the asks (app/views/useViewData.ts).
import type { Dataset } from '../../engine/index.ts';
import { allocArray, type Tensor } from '../../engine/index.ts';
import type { Trainer } from '../../engine/index.ts';
import { recordAttention } from '../../engine/index.ts';
import { embeddingMap } from '../../engine/index.ts';
import { gateTransferables, recordGates } from '../../engine/index.ts';
import { layerGradients } from '../../engine/index.ts';
import { defaultLmText, lmTable } from '../../engine/index.ts';
import { recordValues, valuesTransferables } from '../../engine/index.ts';
import type { ViewRequest, ViewResult } from './protocol.ts';

/** Rows the gate and attention views and the layer chart compute on: the first ones of the data (a fixed set, so
 *  what changes between two updates is the weights, not the examples). */
export const VIEW_ROWS = 16;

/** The view's data on the trainer's current weights; errors come back as a sentence, never thrown. */
export function computeView(trainer: Trainer, d: Dataset, req: ViewRequest): ViewResult {
  const step = trainer.stepCount;
  try {
    const model = trainer.model;
    switch (req.kind) {
      case 'gates': {
        const x = rows(d.x, 0, Math.min(VIEW_ROWS, d.x.shape[0]), model.dtype);
        const record = recordGates(model, model.graph, req.nodeId, x, req.example);
        const labels = req.example >= 0 ? tokenLabels(d, req.example) : undefined;
        return { kind: 'gates', step, record, labels, rows: x.shape[0] };
      }
      case 'values': {
        const n = d.x.shape[0];
        const i = Math.min(Math.max(0, req.example), n - 1);
        const record = recordValues(model, rows(d.x, i, 1, model.dtype), rows(d.y, i, 1, model.dtype), i);
        return { kind: 'values', step, record, rows: n, classNames: d.classNames };
      }
      case 'lm-table': {
        const text = req.text ?? defaultLmText(d);
        return { kind: 'lm-table', step, text, table: lmTable(model, d, text) };
      }
      case 'layer-grads': {
        const k = Math.min(VIEW_ROWS, d.x.shape[0]);
        const grads = layerGradients(model, rows(d.x, 0, k, model.dtype), rows(d.y, 0, k, model.dtype));
        return { kind: 'layer-grads', step, grads };
      }
      case 'embedding':
        return { kind: 'embedding', step, map: embeddingMap(model, req.nodeId, d.vocab) };
      case 'attention': {
        const x = rows(d.x, 0, Math.min(VIEW_ROWS, d.x.shape[0]), model.dtype);
        const record = recordAttention(model, req.nodeId, x, req.example);
        const labels = req.example >= 0 ? tokenLabels(d, req.example) : undefined;
        return { kind: 'attention', step, record, labels, rows: x.shape[0] };
      }
    }
  } catch (e) {
    return { kind: 'error', step, message: (e as Error).message };
  }
}

/** The typed arrays of a result (moved, not copied, to the main thread). */
export function viewTransferables(r: ViewResult): ArrayBuffer[] {
  if (r.kind === 'gates') return gateTransferables(r.record);
  if (r.kind === 'values') return valuesTransferables(r.record);
  if (r.kind === 'attention') return [r.record.weights.buffer as ArrayBuffer];
  if (r.kind === 'embedding')
    return [r.map.coords.buffer, r.map.neighbours.buffer, r.map.similarity.buffer] as ArrayBuffer[];
  return [];
}

/** Rows [from, from + n) of a [N, ...] tensor as a new tensor in the model's dtype. */
function rows(t: Tensor, from: number, n: number, dtype: 'float32' | 'float64'): Tensor {
  const width = t.data.length / t.shape[0];
  const data = allocArray(dtype, n * width);
  data.set(t.data.subarray(from * width, (from + n) * width));
  return { shape: [n, ...t.shape.slice(1)], data };
}

/** The tokens of row `i` (token datasets), one label per time step; undefined otherwise. */
function tokenLabels(d: Dataset, i: number): string[] | undefined {
  if (!d.vocab || d.x.shape.length < 2) return undefined;
  const T = d.x.shape[1];
  if (d.x.shape.length === 2) {
    return Array.from(d.x.data.subarray(i * T, (i + 1) * T), (v) => d.vocab?.[Math.round(v)] ?? '?');
  }
  const V = d.x.shape[2];
  const out: string[] = [];
  for (let t = 0; t < T; t++) {
    const o = (i * T + t) * V;
    let best = 0;
    for (let j = 1; j < V; j++) if (d.x.data[o + j] > d.x.data[o + best]) best = j;
    out.push(d.vocab[best] ?? '?');
  }
  return out;
}
