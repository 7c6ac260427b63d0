// Runs one rnn / lstm / gru reference case (shared/reference/README.md) on our recurrent layers and
// returns `actual`, shaped like the case's `expected`: outputs, loss = sum(y ⊙ upstream.y), grads of
// x and every param, and (unidirectional cases) the time-step gradient norms of a separate backward
// seeded only with upstream.h_last.
import type { RecurrentNode } from '../layers/recurrent/index.ts';
import { createRecurrentLayer } from '../layers/recurrent/index.ts';
import { Rng } from '../random.ts';
import type { DType, Tensor } from '../tensor.ts';
import { fromArray } from '../tensor.ts';

/** A tensor as it appears in case files. */
interface CaseTensor {
  shape: number[];
  data: number[];
}

const KIND_TO_TYPE = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' } as const;

/** Run a recurrent reference case; throws an Error with a readable message on malformed input. */
// biome-ignore lint/suspicious/noExplicitAny: case files are untyped JSON, checked field by field below
export function runRecurrentCase(caseJson: any, dtype: DType): Record<string, unknown> {
  const name = String(caseJson?.case ?? 'case');
  const kind = caseJson?.kind as keyof typeof KIND_TO_TYPE;
  if (!(kind in KIND_TO_TYPE))
    throw new Error(`${name}: kind "${kind}" is not a recurrent kind (rnn, lstm, gru)`);
  const cfg = caseJson.config ?? {};
  const x = toTensor(caseJson.inputs?.x, `${name}: inputs.x`, dtype);
  if (x.shape.length !== 3) throw new Error(`${name}: inputs.x must be [batch, steps, features]`);
  const layer = createRecurrentLayer(nodeFor(kind, cfg), [x.shape[1], x.shape[2]], dtype, new Rng(0));
  const given = caseJson.params ?? {};
  for (const p of layer.params) {
    const t = toTensor(given[p.name], `${name}: params.${p.name}`, dtype);
    if (t.data.length !== p.value.data.length) {
      throw new Error(`${name}: params.${p.name} has shape [${t.shape}], the layer needs [${p.value.shape}]`);
    }
    p.value.data.set(t.data);
  }
  const off = { instrument: false };
  const y = layer.forward([x], off);
  const upY = toTensor(caseJson.upstream?.y, `${name}: upstream.y`, dtype);
  let loss = 0;
  for (let i = 0; i < y.data.length; i++) loss += y.data[i] * upY.data[i];
  const outputs: Record<string, CaseTensor> = { y: toCase(y) };
  for (const [k, v] of Object.entries(layer.finalStates())) outputs[k] = toCase(v as Tensor);
  const [dX] = layer.backward(upY, off);
  const grads: Record<string, CaseTensor> = { x: toCase(dX!) };
  for (const p of layer.params) grads[p.name] = toCase(p.grad);
  const actual: Record<string, unknown> = { outputs, loss, grads };
  if (!cfg.bidirectional && caseJson.upstream?.h_last) {
    const seed = toTensor(caseJson.upstream.h_last, `${name}: upstream.h_last`, dtype);
    layer.backwardWithFinalState(null, { h_last: seed }, { instrument: true });
    actual.timestepGradNorms = layer.timestepGradNorms();
  }
  return actual;
}

// biome-ignore lint/suspicious/noExplicitAny: untyped case config
function nodeFor(kind: keyof typeof KIND_TO_TYPE, cfg: any): RecurrentNode {
  const common = {
    id: 'case',
    position: { x: 0, y: 0 },
    units: Number(cfg.units),
    returnSequences: Boolean(cfg.returnSequences),
    bidirectional: Boolean(cfg.bidirectional),
  };
  const { id, position, ...params } = common;
  if (kind === 'rnn')
    return { id, position, type: 'RNN', params: { ...params, activation: cfg.activation ?? 'tanh' } };
  if (kind === 'gru') return { id, position, type: 'GRU', params };
  return {
    id,
    position,
    type: 'LSTM',
    params: { ...params, variant: cfg.variant ?? 'standard', forgetBias: 1 },
  };
}

function toTensor(t: unknown, where: string, dtype: DType): Tensor {
  const c = t as CaseTensor | undefined;
  if (!c || !Array.isArray(c.shape) || !Array.isArray(c.data))
    throw new Error(`${where} is missing or not a tensor`);
  return fromArray(c.shape, c.data, dtype);
}

function toCase(t: Tensor): CaseTensor {
  return { shape: [...t.shape], data: Array.from(t.data) };
}
