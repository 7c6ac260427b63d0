// Property: one graph, one node order. For random branching graphs whose nodes are listed in a
// random document order, the summary table, the compiled model, the export plan and the forward()
// of both generated files list the nodes in analyzeGraph's topological order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportGraph } from '../../engine/export/index.ts';
import { planExport } from '../../engine/export/plan.ts';
import { compileModel } from '../../engine/model.ts';
import { Rng } from '../../engine/random.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { summaryTable } from '../../engine/shapes/summary.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { randomDag } from './random-dag.ts';

/** The same graph with its nodes listed in a shuffled order (the wiring is unchanged). */
function shuffledNodes(g: Graph, seed: number): Graph {
  const nodes = [...g.nodes];
  new Rng(seed).shuffle(nodes);
  return {
    ...g,
    name: 'order',
    nodes,
    training: { dataset: { id: 'builtin:spirals' }, optimizer: { type: 'sgd' } },
  } as Graph;
}

/** Ids in the order their rows appear in the summary table. */
function summaryOrder(table: string, ids: string[]): string[] {
  const rows = table.split('\n').filter((l) => /^ \S+ \(/.test(l));
  return rows.map((l) => l.trim().split(' ')[0]).filter((id) => ids.includes(id));
}

/** Python names assigned in forward()/build_model(), in the order of their lines. */
function assignedNames(code: string, start: string): string[] {
  const body = code.slice(code.indexOf(start));
  const end = body.indexOf('\n\n');
  return [...body.slice(0, end).matchAll(/^ {4,8}(\w+) = /gm)].map((m) => m[1]);
}

describe('one node order for every consumer of a graph', () => {
  it('summary, compileModel, the export plan and both exports follow analyzeGraph', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (seed, size, shuffle) => {
          const g = shuffledNodes(randomDag(seed, size, 'mse'), shuffle);
          const analysis = analyzeGraph(g);
          expect(analysis.ok, JSON.stringify(analysis.diagnostics)).toBe(true);
          const order = analysis.order;
          const ids = g.nodes.map((n) => n.id);
          expect(summaryOrder(summaryTable(analysis), ids)).toEqual(order);
          expect(compileModel(g).order).toEqual(order);
          const planned = planExport(g);
          if (!planned.ok) throw new Error('the export plan failed');
          expect(planned.plan.nodes.map((n) => n.id)).toEqual(order);
          const names = order.map((id) => planned.plan.byId.get(id)!.name);
          const torch = exportGraph(g, 'pytorch');
          const keras = exportGraph(g, 'keras');
          if (!torch.ok || !keras.ok) throw new Error('an export failed');
          expect(assignedNames(torch.code, '    def forward(')).toEqual(names.slice(1)); // x is the argument
          expect(assignedNames(keras.code, 'def build_model(')).toEqual(names);
        },
      ),
      { numRuns: 60 },
    );
  });
});
