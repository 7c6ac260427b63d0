// One runner for every single-layer reference kind whose layer takes one float input `x`
// (dropout, layer_norm, self_attention, positional_embedding; test/reference/README.md). The kinds
// come from the layer descriptors (`reference` in engine/layers/<type>.ts), so a new layer brings
// its kind along by being registered. The runner builds the layer, loads the case's params, forward, L = Σ y ⊙ upstream.y, backward, grads of x and every
// param. What a layer offers beyond the Layer basics is read through the generic hooks:
// attentionWeights() -> outputs.attention; timestepGradNorms() with upstream.y_last -> a second
// backward seeded only at the last position; config.training -> train mode, inputs.mask -> the
// layer replays that keep mask (PyTorch's draw) instead of drawing its own.
import type { CaseConfig } from '../layers/descriptor.ts';
import type { Layer } from '../layers/layer.ts';
import { LAYERS } from '../layers/registry.ts';
import type { DType, Tensor } from '../tensor.ts';
import { type CaseFile, dotLoss, readTensor, setLayerParams, toCase } from './tensors.ts';

/** A layer that can replay a given keep mask in train mode (Dropout). */
interface MaskReplay {
  forwardWithMask(x: Tensor, keep: ArrayLike<number>): Tensor;
}

/** Builds the kind's layer for an input shape without batch from the case's config. */
export type CaseLayerFactory = (config: CaseConfig, inputShape: number[], dtype: DType) => Layer;

/** The case's config with readable errors for a missing or mistyped field. */
function caseConfig(c: CaseFile): CaseConfig {
  const get = (key: string, type: 'number' | 'boolean') => {
    const v = c.config?.[key];
    if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) {
      throw new Error(`${c.case ?? 'case'}: config.${key} must be a ${type}, got ${JSON.stringify(v)}`);
    }
    return v;
  };
  return { num: (key) => get(key, 'number') as number, bool: (key) => get(key, 'boolean') as boolean };
}

/** The runner of a single-layer kind, given how to build its layer. */
export function layerCaseRunner(build: CaseLayerFactory) {
  return (c: CaseFile, dtype: DType): Record<string, unknown> => {
    const where = c.case ?? `${c.kind} case`;
    const x = readTensor(c.inputs, 'x', `${where}: inputs`, dtype);
    const layer = build(caseConfig(c), x.shape.slice(1), dtype);
    setLayerParams(layer, c, dtype);
    const opts = { instrument: false, training: c.config?.training === true };
    let y: Tensor;
    if (c.inputs?.mask !== undefined) {
      if (!('forwardWithMask' in layer))
        throw new Error(`${where}: inputs.mask given but the layer draws no mask`);
      const keep = readTensor(c.inputs, 'mask', `${where}: inputs`, dtype);
      y = (layer as Layer & MaskReplay).forwardWithMask(x, keep.data);
    } else {
      y = layer.forward([x], opts);
    }
    const up = readTensor(c.upstream, 'y', `${where}: upstream`, dtype);
    const loss = dotLoss(y, up);
    const outputs: Record<string, unknown> = { y: toCase(y) };
    const att = layer.attentionWeights?.();
    if (att) outputs.attention = toCase(att);
    const [dx] = layer.backward(up, opts);
    const grads: Record<string, unknown> = { x: toCase(dx!) };
    for (const p of layer.params) grads[p.name] = toCase(p.grad);
    const actual: Record<string, unknown> = { outputs, loss, grads };
    if (c.upstream?.y_last !== undefined && layer.timestepGradNorms) {
      const seed = lastPositionSeed(y, readTensor(c.upstream, 'y_last', `${where}: upstream`, dtype));
      layer.backward(seed, { ...opts, instrument: true });
      actual.timestepGradNorms = layer.timestepGradNorms();
    }
    return actual;
  };
}

/** dL/dy for L = Σ y_T ⊙ yLast: yLast itself for a last-only output [B, U], else zeros but at t = T. */
function lastPositionSeed(y: Tensor, yLast: Tensor): Tensor {
  if (y.shape.length === 2) return yLast;
  const [B, T, U] = y.shape;
  const data = new (y.data.constructor as Float64ArrayConstructor)(B * T * U);
  for (let b = 0; b < B; b++) data.set(yLast.data.subarray(b * U, (b + 1) * U), ((b + 1) * T - 1) * U);
  return { shape: [B, T, U], data };
}

/** The single-layer kinds the registered layers declare, each with its runner. */
export const LAYER_KINDS: Record<string, (c: CaseFile, dtype: DType) => Record<string, unknown>> =
  Object.fromEntries(
    Object.values(LAYERS).flatMap((d) =>
      d.reference ? [[d.reference.kind, layerCaseRunner(d.reference.layer)]] : [],
    ),
  );
