// The shard worker's side: builds a model of the same graph whose weights are the trainer's (shared
// memory), then serves shards until told to stop. It blocks in Atomics.wait between shards, so it
// must run on a thread of its own (a Web Worker or a worker_threads Worker).
import { Interrupted, sharedInterrupt } from '../interrupt.ts';
import { compileModel, type Model } from '../model.ts';
import type { LossKind } from '../types.ts';
import { type GradBuffer, gradLayout } from './grad-buffer.ts';
import { encodeReport } from './report.ts';
import {
  adoptSharedValues,
  CMD_STOP,
  Ctrl,
  FLAG_INSTRUMENT,
  FLAG_TRAINING,
  LOSS_KINDS,
  type PeerInit,
  REPORT_BYTES,
  sharedFloats,
} from './shared.ts';
import { computeShard } from './shards.ts';

/** A worker's shard server, built and checked; serve() then loops until the trainer stops it. */
export interface ShardServer {
  serve(): void;
}

/** Builds the worker's model on the shared weights; throws (say so to the trainer) when it cannot. */
export function createShardServer(init: PeerInit): ShardServer {
  const base = compileModel(init.graph, { dtype: init.dtype, seed: init.seed });
  const layout = gradLayout(base.params);
  if (layout.size * (init.dtype === 'float64' ? 8 : 4) > init.values.byteLength) {
    throw new Error('the shard worker built a different model than the trainer');
  }
  adoptSharedValues(base.params, layout, init.dtype, init.values, false);
  const grads: GradBuffer = {
    layout,
    data: sharedFloats(init.dtype, init.grads, 0, layout.size),
    rows: new Int32Array(init.rows),
  };
  const models = new Map<LossKind, Model>([[base.loss, base]]);
  const modelFor = (kind: LossKind): Model => {
    let m = models.get(kind);
    if (!m) {
      m = base.withLoss(kind);
      models.set(kind, m);
    }
    return m;
  };
  const ctrl = new Int32Array(init.ctrl);
  const xAll = sharedFloats(init.dtype, init.x);
  const yAll = sharedFloats(init.dtype, init.y);
  const xRow = xAll.length / init.maxRows;
  const yRow = yAll.length / init.maxRows;
  const report = new Uint8Array(init.report);
  const loss64 = new Float64Array(init.loss64);
  const xShape = base.inputShape;
  const interrupt = init.interrupt ? sharedInterrupt(init.interrupt) : undefined;

  const one = (): void => {
    const rows = ctrl[Ctrl.Rows];
    const flags = ctrl[Ctrl.Flags];
    const model = modelFor(LOSS_KINDS[ctrl[Ctrl.Loss]]);
    const x = { shape: [rows, ...xShape], data: xAll.subarray(0, rows * xRow) };
    const y = { shape: [rows, ...init.yRowShape], data: yAll.subarray(0, rows * yRow) };
    const out = computeShard(
      model,
      {
        x,
        y,
        loss: model.loss,
        pass: {
          instrument: (flags & FLAG_INSTRUMENT) !== 0,
          training: (flags & FLAG_TRAINING) !== 0,
          step: ctrl[Ctrl.Step],
          rowOffset: ctrl[Ctrl.RowOffset],
          batchRows: ctrl[Ctrl.BatchRows],
          interrupt,
        },
      },
      grads,
    );
    loss64[0] = out.loss;
    ctrl[Ctrl.Correct] = out.correct ?? 0;
    ctrl[Ctrl.Count] = out.count ?? -1;
    ctrl[Ctrl.ReportBytes] = out.report ? writeText(report, encodeReport(out.report)) : 0;
    ctrl[Ctrl.Status] = 0;
  };

  // an interrupt says where it stopped (the trainer throws Interrupted there); anything else, why
  const fail = (e: unknown): void => {
    if (e instanceof Interrupted) {
      ctrl[Ctrl.Status] = 2;
      ctrl[Ctrl.ReportBytes] = writeText(report, JSON.stringify(e.place));
      return;
    }
    ctrl[Ctrl.Status] = 1;
    ctrl[Ctrl.ReportBytes] = writeText(report, String((e as Error)?.message ?? e).slice(0, 10_000));
  };

  return {
    serve() {
      // requests count from 1: one posted before this loop started is served at once, not missed
      let seen = 0;
      for (;;) {
        Atomics.wait(ctrl, Ctrl.Request, seen);
        const req = Atomics.load(ctrl, Ctrl.Request);
        if (req === seen) continue;
        seen = req;
        if (ctrl[Ctrl.Command] === CMD_STOP) {
          Atomics.store(ctrl, Ctrl.Done, seen);
          Atomics.notify(ctrl, Ctrl.Done);
          return;
        }
        try {
          one();
        } catch (e) {
          fail(e);
        }
        Atomics.store(ctrl, Ctrl.Done, seen);
        Atomics.notify(ctrl, Ctrl.Done);
      }
    },
  };
}

/** Writes UTF-8 text into the shared area (via an unshared copy: encoders refuse shared views). */
function writeText(area: Uint8Array, text: string): number {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > REPORT_BYTES) throw new Error(`the shard's report (${bytes.length} bytes) is too large`);
  area.set(bytes);
  return bytes.length;
}
