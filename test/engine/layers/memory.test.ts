// The training-memory estimate counts what the new layers keep for backward (descriptor
// workValues): attention's [T, T] weights make long sequences expensive, and a graph that would
// not fit is refused before anything is allocated, naming the attention node.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../engine/shapes/analyze.ts';
import { checkTrainingMemory, estimateTrainingMemory } from '../../../engine/train/memory.ts';

function attentionGraph(T: number, mid: { type: string; params?: Record<string, unknown> }) {
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [T], dtype: 'int32' } },
    { id: 'emb', type: 'Embedding', params: { vocabSize: 8, dim: 16 } },
    { id: 'mid', ...mid },
    { id: 'out', type: 'Dense', params: { units: 4 } },
    { id: 'p', type: 'Softmax' },
  ].map((n) => ({ params: {}, position: { x: 0, y: 0 }, ...n }));
  return {
    format: 'backprop-studio.graph',
    version: 1,
    nodes,
    edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id })),
    training: { dataset: { id: 'builtin:recall' }, optimizer: { type: 'adam' }, batchSize: 32 },
  };
}

const ATT = { type: 'SelfAttention', params: { units: 32, causal: true, returnSequences: false } };
const LSTM = { type: 'LSTM', params: { units: 32 } };

describe('training memory of the attention layers', () => {
  it('counts the [T, T] attention weights per example', () => {
    const a = analyzeGraph(attentionGraph(1000, ATT));
    const e = estimateTrainingMemory(a, 32);
    expect(e.activations).toBeGreaterThan(32 * 1000 * 1000 * 4);
    expect(e.heaviest?.nodeId).toBe('mid');
  });

  it('refuses attention over 8,000 positions before allocating, where an LSTM of the same size fits', () => {
    const refused = checkTrainingMemory(analyzeGraph(attentionGraph(8000, ATT)));
    expect(refused?.nodeId).toBe('mid');
    expect(refused?.message).toContain('over the 1.5 GB budget');
    expect(checkTrainingMemory(analyzeGraph(attentionGraph(8000, LSTM)))).toBeNull();
    expect(checkTrainingMemory(analyzeGraph(attentionGraph(30, ATT)))).toBeNull();
  });
});
