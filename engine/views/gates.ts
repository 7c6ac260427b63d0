// The gate and state view's data: after a forward pass, each recurrent cell has left its gate
// ACTIVATIONS in the direction's xz buffer (the contract in layers/recurrent/cell.ts that the
// saturation measure also reads), its states in h (and c). This file reads them out for one example
// or the batch mean, as plain [T, H] float arrays. Nothing is recorded while training: the view asks
// for a forward on a few rows when it wants data, so the feature costs nothing when it is closed.
import type { Graph } from '../../graph-schema/schema.ts';
import { sigmoidSaturated, tanhSaturated } from '../layers/activations.ts';
import type { SeqBuffers } from '../layers/recurrent/cell.ts';
import { RecurrentLayer } from '../layers/recurrent/recurrent-layer.ts';
import type { Model } from '../model.ts';
import type { FloatArray, Tensor } from '../tensor.ts';

/** How a map's values saturate (the engine's 10%-of-max-derivative rule), or 'none' (c, relu, LSTM h). */
export type SatKind = 'sigmoid' | 'tanh' | 'none';

/** One heatmap: a gate's activation or a state over time steps x units. */
export interface GateMap {
  /** short symbol, e.g. "f", "c", "h" */
  name: string;
  /** what a student reads, e.g. "forget f" */
  label: string;
  kind: SatKind;
  role: 'gate' | 'state';
  /** [T, H] row-major: values[t * H + j] (for the mean: averaged over the examples) */
  values: Float32Array;
  /** [T, H] share of the examples whose value is saturated there (0 or 1 for one example) */
  saturated: Float32Array;
  /** [T] mean over units of values at each step */
  mean: Float32Array;
}

/** One direction of the layer (a bidirectional layer has two). */
export interface GateDirection {
  /** true for the backward direction (it reads the sequence from t = T to 1) */
  reverse: boolean;
  maps: GateMap[];
}

/** Everything the gate view shows for one recurrent node. */
export interface GateRecord {
  nodeId: string;
  type: 'RNN' | 'LSTM' | 'GRU';
  /** LSTM variant ("standard", "peephole", "prototype"), else "" */
  variant: string;
  steps: number;
  units: number;
  /** which example (0-based row of x), or -1 for the mean over all rows */
  example: number;
  /** rows of x the record was computed from */
  rows: number;
  directions: GateDirection[];
}

interface GateDef {
  name: string;
  label: string;
  kind: SatKind;
}

/** The gate blocks of xz in the cells' order (reference/README.md), named as the lecture names them. */
export function gateDefs(type: 'RNN' | 'LSTM' | 'GRU', variant: string): GateDef[] {
  if (type === 'GRU')
    return [
      { name: 'r', label: 'reset r', kind: 'sigmoid' },
      { name: 'z', label: 'update z', kind: 'sigmoid' },
      { name: 'n', label: 'candidate n', kind: 'tanh' },
    ];
  if (type === 'LSTM' && variant === 'prototype')
    return [
      { name: 'i', label: 'write i', kind: 'sigmoid' },
      { name: 'f', label: 'forget f', kind: 'sigmoid' },
      { name: 's~', label: 'candidate s~', kind: 'tanh' },
      { name: 'o', label: 'read o', kind: 'sigmoid' },
    ];
  if (type === 'LSTM')
    return [
      { name: 'i', label: 'input i', kind: 'sigmoid' },
      { name: 'f', label: 'forget f', kind: 'sigmoid' },
      { name: 'g', label: 'candidate g', kind: 'tanh' },
      { name: 'o', label: 'output o', kind: 'sigmoid' },
    ];
  return []; // a vanilla RNN has no gates: its xz keeps the pre-activation
}

function satTest(kind: SatKind): ((v: number) => boolean) | null {
  if (kind === 'sigmoid') return sigmoidSaturated;
  if (kind === 'tanh') return tanhSaturated;
  return null;
}

/** Reads block `col..col+H` of a [B, T, width] buffer for one row (or the mean over rows). */
function readMap(
  src: FloatArray,
  s: SeqBuffers,
  width: number,
  col: number,
  example: number,
  def: GateDef & { role: 'gate' | 'state' },
): GateMap {
  const { B, T, H } = s;
  const values = new Float32Array(T * H);
  const saturated = new Float32Array(T * H);
  const test = satTest(def.kind);
  const rows = example >= 0 ? [example] : Array.from({ length: B }, (_, b) => b);
  for (const b of rows) {
    for (let t = 0; t < T; t++) {
      const o = (b * T + t) * width + col;
      for (let j = 0; j < H; j++) {
        const v = src[o + j];
        values[t * H + j] += v;
        if (test?.(v)) saturated[t * H + j] += 1;
      }
    }
  }
  const inv = 1 / rows.length;
  const mean = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    let m = 0;
    for (let j = 0; j < H; j++) {
      values[t * H + j] *= inv;
      saturated[t * H + j] *= inv;
      m += values[t * H + j];
    }
    mean[t] = m / H;
  }
  return { ...def, values, saturated, mean };
}

/**
 * Runs the model forward on x [B, ...inputShape] and returns the gates and states of recurrent node
 * `nodeId` for row `example` (0-based) or, with -1, their mean over the B rows.
 */
export function recordGates(
  model: Model,
  graph: Graph,
  nodeId: string,
  x: Tensor,
  example: number,
): GateRecord {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const layer = model.layer(nodeId);
  if (!node || !(layer instanceof RecurrentLayer) || !['RNN', 'LSTM', 'GRU'].includes(node.type))
    throw new Error(`node "${nodeId}" is not a recurrent layer (RNN, LSTM or GRU): it has no gates to show`);
  const type = node.type as GateRecord['type'];
  const params = node.params as { variant?: string; activation?: string };
  const variant = type === 'LSTM' ? (params.variant ?? 'standard') : '';
  const rows = x.shape[0];
  if (example >= rows) throw new Error(`example ${example + 1} is not in the ${rows} rows shown`);
  model.forward(x);
  const defs = gateDefs(type, variant);
  const dirs = layer.directionBuffers();
  const { T, H } = dirs[0].buffers;
  const directions = dirs.map(({ reverse, buffers: s }) => {
    const G = s.G * H;
    const maps = defs.map((d, k) => readMap(s.xz, s, G, k * H, example, { ...d, role: 'gate' }));
    if (s.c.length > 0)
      maps.push(
        readMap(s.c, s, H, 0, example, { name: 'c', label: 'cell state c', kind: 'none', role: 'state' }),
      );
    const rnnAct = params.activation ?? 'tanh';
    const hKind: SatKind = type === 'RNN' && (rnnAct === 'tanh' || rnnAct === 'sigmoid') ? rnnAct : 'none';
    const hDef =
      variant === 'prototype'
        ? { name: 's', label: 'state s', kind: hKind }
        : { name: 'h', label: 'hidden state h', kind: hKind };
    maps.push(readMap(s.h, s, H, 0, example, { ...hDef, role: 'state' }));
    return { reverse, maps };
  });
  return { nodeId, type, variant, steps: T, units: H, example, rows, directions };
}

/** The typed arrays of a record (to transfer across the worker boundary). */
export function gateTransferables(r: GateRecord): ArrayBuffer[] {
  return r.directions.flatMap((d) =>
    d.maps.flatMap((m) => [m.values.buffer, m.saturated.buffer, m.mean.buffer] as ArrayBuffer[]),
  );
}
