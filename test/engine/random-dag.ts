// Random branching graphs for property tests: Dense, Add and Concat nodes drawing their inputs
// from any earlier node, every sink merged by a Concat before the output.
import type { Graph } from '../../graph-schema/schema.ts';
import { Rng } from '../../engine/random.ts';

const ACTS = ['identity', 'relu', 'sigmoid', 'tanh'];

interface Built {
  nodes: { id: string; type: string; params: Record<string, unknown> }[];
  edges: [string, string][];
}

/** A random DAG: Input, then `size` nodes each drawing inputs from earlier nodes; sinks merged into the output. */
export function randomDag(seed: number, size: number, head: 'softmax' | 'mse'): Graph {
  const rng = new Rng(seed);
  const g: Built = { nodes: [{ id: 'in', type: 'Input', params: { shape: [3] } }], edges: [] };
  const width = new Map<string, number>([['in', 3]]);
  const add = (id: string, type: string, params: Record<string, unknown>, from: string[], w: number) => {
    g.nodes.push({ id, type, params });
    for (const f of from) g.edges.push([f, id]);
    width.set(id, w);
  };
  for (let i = 0; i < size; i++) {
    const ids = [...width.keys()];
    const pick = () => ids[rng.int(ids.length)];
    const kind = rng.int(3);
    const a = pick();
    const b = ids.filter((x) => x !== a)[rng.int(ids.length - 1)];
    if (kind === 1 && b !== undefined) add(`n${i}`, 'Concat', {}, [a, b], width.get(a)! + width.get(b)!);
    else if (kind === 2 && b !== undefined && width.get(a) === width.get(b))
      add(`n${i}`, 'Add', {}, [a, b], width.get(a)!);
    else {
      const units = 1 + rng.int(4);
      add(`n${i}`, 'Dense', { units, activation: ACTS[rng.int(4)] }, [a], units);
    }
  }
  const used = new Set(g.edges.map(([s]) => s));
  const sinks = [...width.keys()].filter((id) => !used.has(id));
  let last = sinks[0];
  if (sinks.length > 1) {
    add(
      'merge',
      'Concat',
      {},
      sinks,
      sinks.reduce((s, id) => s + width.get(id)!, 0),
    );
    last = 'merge';
  }
  add('out', 'Dense', { units: 3, activation: 'identity' }, [last], 3);
  if (head === 'softmax') add('p', 'Softmax', {}, ['out'], 3);
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes: g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })),
    edges: g.edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
  } as unknown as Graph;
}
