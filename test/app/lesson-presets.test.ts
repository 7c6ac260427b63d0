// The lesson's graphs: the example pair at another length keeps its init and follows its forget-bias
// rule (ln(T - 1) when the example uses the chrono rule); explicit choices replace the example's.
import { describe, expect, it, vi } from 'vitest';

// app/model/examples.ts reads examples/ through Vite's import.meta.glob; give it the files directly.
vi.mock('../../app/model/examples.ts', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dir = new URL('../../examples/', import.meta.url);
  const list = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const graph = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      return { id: f.replace(/\.json$/, ''), title: graph.name, graph };
    });
  return { listExamples: () => list };
});

const { exampleDefaults, exampleForgetBias, explodingPreset, lessonGraph } = await import(
  '../../app/lessons/presets.ts'
);

const rec = (g: ReturnType<typeof lessonGraph>) =>
  g.nodes.find((n) => n.id === 'rec')?.params as Record<string, unknown>;

describe('lesson presets', () => {
  it('sets the Input and the dataset to the chosen length and keeps the init overrides', () => {
    const g = lessonGraph('rnn', 50, null);
    expect(g.nodes[0].params).toMatchObject({ shape: [50] });
    expect(g.training?.dataset.options).toMatchObject({ length: 50 });
    const example = lessonGraph('rnn', exampleDefaults().length, null);
    expect(rec(g).init).toEqual(rec(example).init);
    expect(rec(g).activation).toBe(exampleDefaults().activation);
  });

  it("follows the example's forget-bias rule at other lengths unless a bias is chosen", () => {
    const ex = exampleDefaults();
    const at50 = rec(lessonGraph('lstm', 50, null)).forgetBias as number;
    expect(at50).toBeCloseTo(ex.chrono ? Math.log(49) : ex.forgetBias, 6);
    expect(exampleForgetBias(ex.length)).toBeCloseTo(ex.forgetBias, 2);
    expect(rec(lessonGraph('lstm', 50, null, 1)).forgetBias).toBe(1);
    expect(rec(lessonGraph('rnn', 30, 'sigmoid')).activation).toBe('sigmoid');
  });

  it("the exploding preset is the exploding lesson's first step: ReLU RNN on 10 tokens, SGD lr 0.2, no clipping", () => {
    const g = explodingPreset();
    expect(rec(g).activation).toBe('relu');
    expect(g.training?.optimizer).toEqual({ type: 'sgd', lr: 0.2 });
    expect(g.training?.clip).toBeNull();
    expect(g.training?.seed).toBe(11);
    expect(g.nodes.find((n) => n.type === 'Input')?.params.shape).toEqual([10]);
  });
});
