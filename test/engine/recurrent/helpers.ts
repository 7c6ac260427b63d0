// Helpers for the recurrent-layer tests: graph nodes in a line, random tensors, the layer loss.
import type { RecurrentNode } from '../../../engine/layers/recurrent/index.ts';
import { createRecurrentLayer, type RecurrentLayer } from '../../../engine/layers/recurrent/index.ts';
import { Rng } from '../../../engine/random.ts';
import type { DType, Tensor } from '../../../engine/tensor.ts';
import { sizeOf } from '../../../engine/tensor.ts';

/** A variant to test: node type plus the param that selects the cell. */
export interface Variant {
  label: string;
  type: 'RNN' | 'LSTM' | 'GRU';
  extra: Record<string, unknown>;
}

/** Every cell the engine has. */
export const VARIANTS: Variant[] = [
  { label: 'RNN tanh', type: 'RNN', extra: { activation: 'tanh' } },
  { label: 'RNN relu', type: 'RNN', extra: { activation: 'relu' } },
  { label: 'RNN sigmoid', type: 'RNN', extra: { activation: 'sigmoid' } },
  { label: 'LSTM standard', type: 'LSTM', extra: { variant: 'standard', forgetBias: 1 } },
  { label: 'LSTM peephole', type: 'LSTM', extra: { variant: 'peephole', forgetBias: 1 } },
  { label: 'LSTM prototype', type: 'LSTM', extra: { variant: 'prototype', forgetBias: 1 } },
  { label: 'GRU', type: 'GRU', extra: {} },
];

/** A recurrent node as the graph would hold it after validation (defaults filled in). */
export function node(
  v: Variant,
  units: number,
  returnSequences: boolean,
  bidirectional: boolean,
): RecurrentNode {
  return {
    id: 'rec',
    type: v.type,
    position: { x: 0, y: 0 },
    params: { units, returnSequences, bidirectional, ...v.extra },
  } as RecurrentNode;
}

/** Build a layer for x [., T, I]. */
export function build(
  v: Variant,
  opts: { H: number; T: number; I: number; seq: boolean; bidir: boolean; dtype?: DType; seed?: number },
): RecurrentLayer {
  const n = node(v, opts.H, opts.seq, opts.bidir);
  return createRecurrentLayer(n, [opts.T, opts.I], opts.dtype ?? 'float64', new Rng(opts.seed ?? 1));
}

/** A float64 tensor of uniform values in [-scale, scale). */
export function randomTensor(shape: number[], rng: Rng, scale = 1): Tensor {
  const data = new Float64Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-scale, scale);
  return { shape, data };
}

/** sum(a ⊙ b) over all elements. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Zero every param gradient of the layer. */
export function zeroGrads(layer: RecurrentLayer): void {
  for (const p of layer.params) p.grad.data.fill(0);
}
