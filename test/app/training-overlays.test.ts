// Gradient overlays and the colour scale: log10 placement, monotone width and lightness, the divergence
// mark on the right node and edges, token-id edges, and the guard that lets node moves through.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changesTraining } from '../../app/training/guard.ts';
import { buildOverlays, divergedEdges, edgeOverlay, nodeGradNorm } from '../../app/training/overlays.ts';
import { fmtNorm, scalePosition, sequentialRgb } from '../../app/training/palette.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const rnn = (): Graph =>
  JSON.parse(readFileSync(new URL('../../examples/vanishing-rnn-recall.json', import.meta.url), 'utf8'));

/** Relative luminance-like brightness of an rgb triple (0-255). */
const brightness = ([r, g, b]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('colour scale', () => {
  it('places norms by decade between 1e-6 and 1e1, clamped', () => {
    expect(scalePosition(1e-6)).toBe(0);
    expect(scalePosition(1e-9)).toBe(0);
    expect(scalePosition(10)).toBe(1);
    expect(scalePosition(10 ** -2.5)).toBeCloseTo(0.5, 10);
    expect(scalePosition(0)).toBe(0);
    expect(scalePosition(Number.NaN)).toBe(0);
  });

  it('gets brighter as the gradient grows (readable in greyscale)', () => {
    let prev = -1;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const b = brightness(sequentialRgb(t));
      expect(b).toBeGreaterThan(prev);
      prev = b;
    }
  });

  it('formats norms short', () => {
    expect(fmtNorm(3.2e-4)).toBe('3.2e-4');
    expect(fmtNorm(0.05)).toBe('0.050');
    expect(fmtNorm(12)).toBe('12');
    expect(fmtNorm(0)).toBe('0');
  });
});

describe('edge and node overlays', () => {
  it('a larger gradient gives a wider edge and puts the number on it', () => {
    const small = edgeOverlay(1e-5, 'dark');
    const big = edgeOverlay(0.3, 'dark');
    expect(big.width).toBeGreaterThan(small.width ?? 0);
    expect(big.gradNorm).toBe(0.3);
    expect(big.label).toContain('0.30');
  });

  it('covers every edge of the graph; the token-id edge gets 0, not a missing value', () => {
    const g = rnn();
    const o = buildOverlays(
      g,
      { e2: 0.1, e3: 0.01, e4: 0.02 },
      { rec: { kernel: 3, bias: 4 } },
      null,
      'dark',
    );
    expect(Object.keys(o.edges).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(o.edges.e1.gradNorm).toBe(0);
    expect(o.nodeBadges.rec[0].text).toContain('5.0');
  });

  it('marks the node where divergence started and the edges leaving it', () => {
    const g = rnn();
    const d = { nodeId: 'rec', param: null, message: 'Activations exploded at node rec' };
    expect(divergedEdges(g, d)).toEqual(['e3']);
    expect(divergedEdges(g, { ...d, edgeId: 'e2' })).toEqual(['e2']);
    const o = buildOverlays(g, {}, {}, d, 'light');
    expect(o.nodeBadges.rec[0]).toMatchObject({ tone: 'error', title: d.message });
    expect(o.edges.e3.label).toMatch(/diverged/);
    expect(o.nodeBadges.emb).toBeUndefined();
  });

  it('combines parameter norms as an L2 norm', () => {
    expect(nodeGradNorm({ a: 3, b: 4 })).toBe(5);
  });
});

describe('edit guard', () => {
  it('lets moves and renames through but not parameter or training changes', () => {
    const g = rnn();
    const moved = { ...g, name: 'x', nodes: g.nodes.map((n) => ({ ...n, position: { x: 1, y: 2 } })) };
    expect(changesTraining(moved, g)).toBe(false);
    const units = structuredClone(g);
    (units.nodes[2].params as { units: number }).units = 8;
    expect(changesTraining(units, g)).toBe(true);
    const lr = structuredClone(g);
    (lr.training!.optimizer as { lr: number }).lr = 1;
    expect(changesTraining(lr, g)).toBe(true);
  });
});
