// The generic suite over EVERY registered node type (graph-schema/nodes + engine/layers): a type gets
// these checks by being registered. Cases are generated from the type's own definition: its palette
// defaults (whole-number sizes shrunk to 5), then each enum option and each flipped flag on its own,
// each placed after every Input that its shape rule accepts. For each case:
//   - the shape rule agrees with the compiled layer and with the tensor a forward actually returns;
//   - the parameter count equals what the layer allocates (names and shapes from paramShapes);
//   - float64 finite differences agree with backward for every parameter tensor and the input;
//   - the PyTorch export computes the same output (float64) and has the same trainable count.
import { beforeAll, describe, expect, it } from 'vitest';
import { layerOf, LAYERS, paramShapes } from '../../engine/index.ts';
import { compileModel } from '../../engine/model.ts';
import { Rng } from '../../engine/random.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { fromArray, type Tensor } from '../../engine/tensor.ts';
import { fieldsOf } from '../../graph-schema/fields.ts';
import { type Graph, NODE_DEFS, NODE_TYPES, type NodeType } from '../../graph-schema/schema.ts';
import {
  compareTensors,
  engineOutput,
  type PyResult,
  randomBatch,
  randomWeights,
  runPythonJobs,
  tempDir,
  tensorJson,
  writeExport,
  writeJson,
} from '../export/helpers.ts';
import { worstFdErrorAt } from './gradcheck.ts';

/** Inputs a layer may be placed after (its shape rule picks those it accepts). */
const INPUTS: Record<string, unknown>[] = [
  { shape: [6], dtype: 'float32' },
  { shape: [4, 3], dtype: 'float32' },
  { shape: [4], dtype: 'int32' },
];

interface Case {
  name: string;
  type: NodeType;
  graph: Graph;
  vocab?: number;
}

/** The type's palette defaults with whole numbers shrunk, then one variant per enum option / flag. */
function paramVariants(type: NodeType): Record<string, unknown>[] {
  const fields = fieldsOf(NODE_DEFS[type].params);
  const base: Record<string, unknown> = { ...NODE_DEFS[type].defaults };
  for (const f of fields) {
    if (f.kind === 'int' && typeof base[f.key] === 'number')
      base[f.key] = Math.min(Math.max(5, f.min), f.max);
  }
  const out = [base];
  for (const f of fields) {
    if (f.kind === 'enum') {
      for (const o of f.options) if (o !== base[f.key]) out.push({ ...base, [f.key]: o });
    } else if (f.kind === 'bool') {
      out.push({ ...base, [f.key]: !base[f.key] });
    }
  }
  return out;
}

function graphWith(type: NodeType, params: Record<string, unknown>, input: Record<string, unknown>): Graph {
  const many = layerOf(type).arity === 'many';
  // float inputs reach the node through Dense feeders, so the finite differences of the feeders'
  // weights check the node's input gradient too; a joining type gets two (one edge per pair)
  const feeders = input.dtype === 'int32' ? [] : many ? ['a', 'b'] : ['a'];
  const nodes = [
    { id: 'in', type: 'Input', params: input },
    ...feeders.map((id, i) => ({
      id,
      type: 'Dense',
      params: { units: 3, activation: i === 0 ? 'tanh' : 'identity' },
    })),
    { id: 'node', type, params },
  ].map((n, i) => ({ ...n, position: { x: i * 100, y: 0 } }));
  const edges =
    feeders.length === 0
      ? [['in', 'node']]
      : feeders.flatMap((f) => [
          ['in', f],
          [f, 'node'],
        ]);
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: `registry ${type}`,
    nodes,
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
    // MSE on the node's own output: the plain gradient of every layer, no fused head
    training: { dataset: { id: 'builtin:spirals' }, loss: 'mse', optimizer: { type: 'sgd' } },
  } as unknown as Graph;
}

function casesOf(type: NodeType): Case[] {
  if (layerOf(type).arity === 'none') return []; // the Input is in every case
  const cases: Case[] = [];
  paramVariants(type).forEach((params, v) => {
    for (const input of INPUTS) {
      const graph = graphWith(type, params, input);
      if (!analyzeGraph(graph).ok) continue;
      const node = graph.nodes.find((n) => n.id === 'node')!;
      const limit = layerOf(node).tokenLimit?.(node);
      cases.push({
        name: `${type} v${v} ${JSON.stringify(params)} after ${JSON.stringify(input)}`,
        type,
        graph,
        vocab: input.dtype === 'int32' ? (limit ?? 5) : undefined,
      });
    }
  });
  return cases;
}

const CASES = NODE_TYPES.flatMap(casesOf);

describe('the registry', () => {
  it('has one engine descriptor per format node type, in the same order', () => {
    expect(Object.keys(LAYERS)).toEqual([...NODE_TYPES]);
  });

  it.each(NODE_TYPES.filter((t) => layerOf(t).arity !== 'none').map((t) => [t]))(
    '%s has at least one case the generic suite can build',
    (type) => {
      expect(CASES.some((c) => c.type === type)).toBe(true);
    },
  );
});

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const analysis = analyzeGraph(c.graph);
  const model = compileModel(c.graph, { dtype: 'float64', seed: 3 });
  const node = c.graph.nodes.find((n) => n.id === 'node')!;
  const inShapes = c.graph.edges
    .filter((e) => e.target === 'node')
    .map((e) => analysis.nodes[e.source].outputShape!);
  const inputShape = (c.graph.nodes[0].params as { shape: number[] }).shape;
  const x = randomBatch(inputShape, 2, 11, c.vocab);

  it('shape rule = compiled layer = the tensor a forward returns', () => {
    const inferred = analysis.nodes.node.outputShape;
    expect(model.layer('node')!.outputShape).toEqual(inferred);
    model.forward(x);
    expect(model.lastOutput('node')!.shape).toEqual([2, ...inferred!]);
  });

  it('parameter count = the tensors the layer allocates', () => {
    const allocated = model.layer('node')!.params.map((p) => ({ name: p.name, shape: p.value.shape }));
    expect(allocated).toEqual(paramShapes(node, inShapes));
    const size = allocated.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    expect(analysis.nodes.node.params).toBe(size);
  });

  it('backward matches float64 finite differences (its params, and its input through the feeders)', () => {
    const rng = new Rng(5);
    // non-zero weights everywhere, so zero-initialized biases and peepholes are exercised too
    for (const p of model.params)
      for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = rng.uniform(-0.5, 0.5);
    const out = [2, ...analysis.nodes.node.outputShape!];
    const y = fromArray(
      out,
      Array.from({ length: out.reduce((a, b) => a * b, 1) }, () => rng.uniform(-1, 1)),
      'float64',
    );
    const loss = () => model.lossAndGrads(x, y, { instrument: false }).loss;
    model.lossAndGrads(x, y, { instrument: false });
    const grads = new Map(model.params.map((p) => [p, Float64Array.from(p.grad.data)]));
    for (const p of model.params) {
      // at most 16 spread-out entries per tensor (FD costs two forwards each)
      const step = Math.max(1, Math.floor(p.value.data.length / 16));
      const idx = Array.from({ length: Math.ceil(p.value.data.length / step) }, (_, i) => i * step);
      const analytic = idx.map((i) => grads.get(p)![i]);
      expect(worstFdErrorAt(p.value.data, idx, analytic, loss), `${p.nodeId}.${p.name}`).toBeLessThan(1e-6);
    }
  });
});

// PyTorch round trip: one Python process for every case (importing torch costs seconds)
describe('PyTorch export of every case computes what the engine computes', () => {
  const dir = tempDir();
  let results: Record<string, PyResult> = {};
  const expected = new Map<string, Tensor>();

  beforeAll(() => {
    const jobs = CASES.flatMap((c, i) => {
      const file = writeExport(c.graph, dir, `reg${i}`);
      const weights = randomWeights(c.graph, 40 + i);
      const input = (c.graph.nodes[0].params as { shape: number[] }).shape;
      const x = randomBatch(input, 3, 60 + i, c.vocab);
      expected.set(c.name, engineOutput(c.graph, weights, x, 'float64'));
      const w = writeJson(dir, `reg${i}.weights.json`, weights);
      const inp = writeJson(dir, `reg${i}.input.json`, { x: tensorJson(x) });
      return [
        { name: `${i}/count`, file, argv: [], count: true },
        {
          name: `${i}/predict`,
          file,
          argv: ['predict', '--weights', w, '--input', inp, '--dtype', 'float64'],
        },
      ];
    });
    results = runPythonJobs(jobs, dir);
  }, 600_000);

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
    const count = results[`${i}/count`];
    expect(count.stderr).toBe('');
    expect(Number(count.stdout)).toBe(analyzeGraph(c.graph).totalParams);
    const r = results[`${i}/predict`];
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const y = (JSON.parse(r.stdout) as { y: { shape: number[]; data: number[] } }).y;
    const cmp = compareTensors(y, expected.get(c.name)!, 1e-9, 1e-12);
    expect(cmp.ok, cmp.why).toBe(true);
  });
});
