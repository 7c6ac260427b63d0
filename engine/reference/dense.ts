// Reference kind `dense`: one Dense layer built by the registry (the same code the model uses),
// loaded with the case's W and b, run forward and backward with the case's upstream gradient.
import type { GraphNode } from '../../graph-schema/schema.ts';
import type { ActivationName } from '../layers/activations.ts';
import { createLayer } from '../layers/registry.ts';
import { Rng } from '../random.ts';
import type { DType } from '../tensor.ts';
import { type CaseFile, configNumber, dotLoss, readTensor, setLayerParams, toCase } from './tensors.ts';

const OFF = { instrument: false };

/** `actual` of a dense case: outputs.y, loss = Σ y ⊙ upstream.y, grads of x, W, b. */
export function runDenseCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const where = c.case ?? 'dense case';
  const x = readTensor(c.inputs, 'x', `${where}: inputs`, dtype);
  const node: GraphNode = {
    id: 'dense',
    type: 'Dense',
    position: { x: 0, y: 0 },
    params: {
      units: configNumber(c, 'units'),
      activation: (c.config?.activation ?? 'identity') as ActivationName,
      useBias: true,
    },
  };
  const layer = createLayer(node, [x.shape.slice(1)], dtype, new Rng(0));
  setLayerParams(layer, c, dtype);
  const y = layer.forward([x], OFF);
  const up = readTensor(c.upstream, 'y', `${where}: upstream`, dtype);
  const loss = dotLoss(y, up);
  const outputs = { y: toCase(y) };
  const [dx] = layer.backward(up, OFF);
  const grads: Record<string, unknown> = { x: toCase(dx!) };
  for (const p of layer.params) grads[p.name] = toCase(p.grad);
  return { outputs, loss, grads };
}
