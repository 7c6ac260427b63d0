// Reference training kinds: a real graph is built and compiled (compileModel), loaded with the case's
// initial weights through setWeights, and trained full-batch with the real optimizer and clipping:
// forward + backward, raw global norm, clip, one optimizer step, `steps` times.
import type { ClipConfig, Graph, GraphEdge, GraphNode } from '../../graph-schema/schema.ts';
import { compileModel, type Model } from '../model.ts';
import { clipGradients, createOptimizer, type OptimizerSpec } from '../optim/index.ts';
import type { DType, Tensor } from '../tensor.ts';
import { type CaseFile, type CaseTensor, configNumber, readTensor, toCase } from './tensors.ts';

/** A chain graph in → ... → out from nodes given in order (edges e1, e2, ...). */
type Training = NonNullable<Graph['training']>;

/** A node as the builders below write it (position added by chainGraph). */
interface NodeSpec {
  id: string;
  type: GraphNode['type'];
  params: Record<string, unknown>;
}

function chainGraph(nodes: NodeSpec[], c: CaseFile): Graph {
  const edges: GraphEdge[] = [];
  for (let i = 1; i < nodes.length; i++)
    edges.push({ id: `e${i}`, source: nodes[i - 1].id, target: nodes[i].id });
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: c.case ?? 'reference',
    nodes: nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) as GraphNode[],
    edges,
    training: {
      dataset: { id: 'reference', options: {} },
      loss: 'auto',
      optimizer: c.config?.optimizer as Training['optimizer'],
      batchSize: 'full',
      epochs: 1,
      clip: (c.config?.clip ?? null) as ClipConfig,
      seed: 0,
      validationSplit: 0,
    },
  };
}

/** The graph of a train_mlp case: Input → hidden Dense(sigmoid) → output Dense → Softmax. */
function mlpGraph(c: CaseFile): Graph {
  return chainGraph(
    [
      { id: 'in', type: 'Input', params: { shape: [configNumber(c, 'inputSize')], dtype: 'float32' } },
      {
        id: 'hidden',
        type: 'Dense',
        params: { units: configNumber(c, 'hiddenUnits'), activation: 'sigmoid', useBias: true },
      },
      {
        id: 'output',
        type: 'Dense',
        params: { units: configNumber(c, 'numClasses'), activation: 'identity', useBias: true },
      },
      { id: 'probs', type: 'Softmax', params: {} },
    ],
    c,
  );
}

/** The graph of a train_charrnn case: ids → Embedding → LSTM(seq) → Dense → Softmax. */
function charRnnGraph(c: CaseFile, steps: number): Graph {
  const variant = (c.config?.lstmVariant ?? 'standard') as 'standard';
  return chainGraph(
    [
      { id: 'ids', type: 'Input', params: { shape: [steps], dtype: 'int32' } },
      {
        id: 'embedding',
        type: 'Embedding',
        params: { vocabSize: configNumber(c, 'vocabSize'), dim: configNumber(c, 'embedDim') },
      },
      {
        id: 'lstm',
        type: 'LSTM',
        params: {
          units: configNumber(c, 'lstmUnits'),
          variant,
          returnSequences: true,
          bidirectional: false,
          forgetBias: 1,
        },
      },
      {
        id: 'dense',
        type: 'Dense',
        params: { units: configNumber(c, 'numClasses'), activation: 'identity', useBias: true },
      },
      { id: 'probs', type: 'Softmax', params: {} },
    ],
    c,
  );
}

function gradsOf(model: Model): Record<string, CaseTensor> {
  const out: Record<string, CaseTensor> = {};
  for (const p of model.params) out[`${p.nodeId}.${p.name}`] = toCase(p.grad);
  return out;
}

function valuesOf(model: Model): Record<string, CaseTensor> {
  const out: Record<string, CaseTensor> = {};
  for (const p of model.params) out[`${p.nodeId}.${p.name}`] = toCase(p.value);
  return out;
}

/** Full-batch training from the case's weights; returns loss, grads at step 1, and the trajectory. */
function train(c: CaseFile, graph: Graph, x: Tensor, y: Tensor, dtype: DType, logitsNode?: string) {
  const model = compileModel(graph, { dtype, seed: 0 });
  model.setWeights({ format: 'backprop-studio.weights', version: 1, tensors: c.params ?? {} });
  const steps = configNumber(c, 'steps');
  const opt = createOptimizer(c.config?.optimizer as OptimizerSpec, model.params);
  const clip = (c.config?.clip ?? null) as ClipConfig;
  const losses: number[] = [];
  const gradNorms: number[] = [];
  let grads: Record<string, CaseTensor> = {};
  let outputs: Record<string, CaseTensor> | undefined;
  for (let k = 0; k < steps; k++) {
    losses.push(model.lossAndGrads(x, y, { instrument: false }).loss);
    if (k === 0) {
      grads = gradsOf(model);
      if (logitsNode) outputs = { logits: toCase(model.lastOutput(logitsNode)!) };
    }
    gradNorms.push(clipGradients(model.params, clip));
    opt.step();
  }
  const finalLoss = model.lossAndGrads(x, y, { instrument: false }).loss;
  const trajectory = { losses, gradNorms, params: valuesOf(model), finalLoss };
  return { ...(outputs ? { outputs } : {}), loss: losses[0], grads, trajectory };
}

/** `actual` of a train_mlp case. */
export function runTrainMlpCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const x = readTensor(c.inputs, 'x', `${c.case}: inputs`, dtype);
  const y = readTensor(c.inputs, 'targets', `${c.case}: inputs`, dtype);
  return train(c, mlpGraph(c), x, y, dtype);
}

/** `actual` of a train_charrnn case (outputs.logits are the Dense outputs at the initial weights). */
export function runTrainCharRnnCase(c: CaseFile, dtype: DType): Record<string, unknown> {
  const ids = readTensor(c.inputs, 'ids', `${c.case}: inputs`, dtype);
  const y = readTensor(c.inputs, 'targets', `${c.case}: inputs`, dtype);
  return train(c, charRnnGraph(c, ids.shape[1]), ids, y, dtype, 'dense');
}
