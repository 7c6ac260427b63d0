import { it } from 'vitest';
import { exampleGraphs, trainerFor, withSeed } from './helpers.ts';
import { validateGraph } from '../../graph-schema/index.ts';
it('probe', async () => {
  const base = exampleGraphs()['vanishing-lstm-recall'];
  for (const variant of ['standard', 'peephole', 'prototype', 'GRU', 'GRU0']) for (const seed of [7, 11]) {
    const g = structuredClone(base) as any;
    const rec = g.nodes.find((n: any) => n.id === 'rec');
    if (variant.startsWith('GRU')) { rec.type = 'GRU'; const { forgetBias, variant: _v, ...rest } = rec.params; rec.params = rest; if (variant === 'GRU0') delete rec.params.init; }
    else rec.params.variant = variant;
    const r = validateGraph(g); if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const t = await trainerFor(withSeed(r.graph, seed));
    const out: string[] = [];
    for (const n of [300, 300, 600]) { const s = t.step(n); out.push(`${s.step}:${(s.valAccuracy ?? 0).toFixed(2)}`); }
    console.log('VAR', variant, seed, out.join(' '), JSON.stringify(rec.params.init ?? null));
  }
}, 600000);
