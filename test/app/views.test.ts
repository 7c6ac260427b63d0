// Every view of every example, through the worker's API in Node on the real data: the kinds a node
// offers (kinds.ts) each answer with data, the answers equal the engine's own functions on the same
// weights and rows, and what crosses the boundary is transferable. Also the activation plot's math.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { viewKindsFor } from '../../app/views/kinds.ts';
import { activationAndDerivative } from '../../app/views/ActivationPlot.tsx';
import { decades } from '../../app/views/LayerGradChart.tsx';
import { createWorkerApi } from '../../app/worker/api.ts';
import type { ViewRequest } from '../../app/worker/protocol.ts';
import { viewTransferables } from '../../app/worker/views.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const EXAMPLES = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));
const load = (f: string): Graph =>
  JSON.parse(readFileSync(new URL(`../../examples/${f}`, import.meta.url), 'utf8'));

function requestFor(kind: string, nodeId: string): ViewRequest {
  switch (kind) {
    case 'gates':
      return { kind: 'gates', nodeId, example: 0 };
    case 'embedding':
      return { kind: 'embedding', nodeId };
    case 'values':
      return { kind: 'values', example: 0 };
    case 'lm-table':
      return { kind: 'lm-table', text: null };
    case 'attention':
      return { kind: 'attention', nodeId, example: 0 };
    default:
      return { kind: 'layer-grads' };
  }
}

describe('views of every example', () => {
  for (const file of EXAMPLES) {
    it(`${file}: every view its nodes offer answers with data`, async () => {
      const graph = load(file);
      const api = createWorkerApi();
      const r = await api.load(graph, { kind: 'builtin' }, () => undefined);
      expect(r.ok).toBe(true);
      const offered = graph.nodes.flatMap((n) => viewKindsFor(graph, n.id).map((k) => [k, n.id] as const));
      expect(offered.length).toBeGreaterThan(0);
      for (const [kind, id] of offered) {
        const res = api.view(requestFor(kind, id));
        expect(res.kind, `${kind} of ${id}: ${res.kind === 'error' ? res.message : ''}`).toBe(kind);
        const buffers = viewTransferables(res);
        expect(new Set(buffers).size).toBe(buffers.length); // a duplicate cannot be transferred
        if (res.kind === 'gates') expect(res.record.directions[0].maps[0].values.length).toBeGreaterThan(0);
        if (res.kind === 'layer-grads') {
          const withGrad = res.grads.layers.filter((l) => l.output !== null);
          expect(withGrad.length).toBeGreaterThan(0);
          for (const l of withGrad) expect(Number.isFinite(l.output)).toBe(true);
        }
        if (res.kind === 'embedding') expect(res.map.count).toBeGreaterThan(1);
        if (res.kind === 'attention') {
          const T = res.record.steps;
          for (const i of [0, T - 1]) {
            const row = res.record.weights.subarray(i * T, (i + 1) * T).reduce((a, v) => a + v, 0);
            expect(row).toBeCloseTo(1, 5); // each query's weights sum to 1
          }
        }
        if (res.kind === 'lm-table') expect(res.table.rows.length).toBeGreaterThan(1);
      }
    });
  }

  it('kinds: gates on recurrent nodes, the map on Embedding, model-wide views on the output only', () => {
    const lm = load('char-lstm-names.json');
    expect(viewKindsFor(lm, 'lstm')).toEqual(['gates']);
    expect(viewKindsFor(lm, 'emb')).toEqual(['embedding']);
    expect(viewKindsFor(lm, 'next')).toEqual(['lm-table', 'layer-grads']);
    expect(viewKindsFor(lm, 'logits')).toEqual([]);
    const mlp = load('mlp-spirals.json');
    expect(viewKindsFor(mlp, 'probs')).toEqual(['layer-grads', 'values']);
  });

  it('the gate view of the API equals the engine record of the same rows', async () => {
    const api = createWorkerApi();
    await api.load(load('vanishing-lstm-recall.json'), { kind: 'builtin' }, () => undefined);
    const a = api.view({ kind: 'gates', nodeId: 'rec', example: 3 });
    const mean = api.view({ kind: 'gates', nodeId: 'rec', example: -1 });
    if (a.kind !== 'gates' || mean.kind !== 'gates') throw new Error('no gates');
    expect(a.labels).toHaveLength(a.record.steps);
    expect(mean.labels).toBeUndefined();
    // the mean over the view rows, re-derived from each row
    const rows = mean.record.rows;
    const f = Array.from({ length: rows }, (_, i) => {
      const r = api.view({ kind: 'gates', nodeId: 'rec', example: i });
      if (r.kind !== 'gates') throw new Error('no gates');
      return r.record.directions[0].maps[1].values;
    });
    for (const k of [0, 17, 200]) {
      const avg = f.reduce((s, v) => s + v[k], 0) / rows;
      expect(mean.record.directions[0].maps[1].values[k]).toBeCloseTo(avg, 5);
    }
  });
});

describe('activation plot and chart helpers', () => {
  it('derivatives: logistic at most 0.25, tanh 1, relu a step', () => {
    expect(activationAndDerivative('sigmoid', 0)).toEqual([0.5, 0.25]);
    expect(activationAndDerivative('tanh', 0)).toEqual([0, 1]);
    expect(activationAndDerivative('relu', -1)).toEqual([0, 0]);
    expect(activationAndDerivative('relu', 2)).toEqual([2, 1]);
    expect(activationAndDerivative('identity', 3)).toEqual([3, 1]);
    const [, d] = activationAndDerivative('sigmoid', 3);
    expect(d).toBeCloseTo(Math.exp(-3) / (1 + Math.exp(-3)) ** 2, 12);
  });

  it('decades cover the values with whole powers of ten', () => {
    expect(decades([0.003, 0.5])).toEqual([-3, 0]);
    expect(decades([0, Number.NaN])).toEqual([-3, 0]);
    expect(decades([2, 3])).toEqual([0, 1]);
  });
});
