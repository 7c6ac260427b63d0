// Reference kind `embedding`: one Embedding layer from the registry, loaded with the case's table;
// the gradient lands only in the looked-up rows (accumulated for repeated ids).
import type { GraphNode } from '../../graph-schema/schema.ts';
import { createLayer } from '../layers/registry.ts';
import { Rng } from '../random.ts';
import type { DType } from '../tensor.ts';
import { type CaseFile, configNumber, dotLoss, readTensor, setLayerParams, toCase } from './tensors.ts';

const OFF = { instrument: false };

/** `actual` of an embedding case: outputs.y, loss = Σ y ⊙ upstream.y, grads.table. */
export function runEmbeddingCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const where = c.case ?? 'embedding case';
  const ids = readTensor(c.inputs, 'ids', `${where}: inputs`, dtype);
  const node: GraphNode = {
    id: 'embedding',
    type: 'Embedding',
    position: { x: 0, y: 0 },
    params: { vocabSize: configNumber(c, 'vocabSize'), dim: configNumber(c, 'dim') },
  };
  const layer = createLayer(node, [ids.shape.slice(1)], dtype, new Rng(0));
  setLayerParams(layer, c, dtype);
  const y = layer.forward([ids], OFF);
  const up = readTensor(c.upstream, 'y', `${where}: upstream`, dtype);
  const loss = dotLoss(y, up);
  const outputs = { y: toCase(y) };
  layer.backward(up, OFF);
  const grads: Record<string, unknown> = {};
  for (const p of layer.params) grads[p.name] = toCase(p.grad);
  return { outputs, loss, grads };
}
