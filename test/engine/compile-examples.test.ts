// Every example graph compiles, its layers hold exactly the parameters shape inference counts
// (Keras convention), and a forward pass on a small random batch gives the inferred output shape.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../engine/model.ts';
import { Rng } from '../../engine/random.ts';
import { analyzeGraph } from '../../engine/shapes/index.ts';

const dir = join(import.meta.dirname, '..', '..', 'examples');
const examples = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('example graphs compile', () => {
  it('there are examples to check', () => expect(examples.length).toBeGreaterThan(0));

  for (const file of examples) {
    it(`${file}: layer params equal the Keras counts, forward gives the inferred shape`, () => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const analysis = analyzeGraph(doc);
      expect(analysis.diagnostics).toEqual([]);
      const model = compileModel(doc);
      const perNode: Record<string, number> = {};
      for (const p of model.params) perNode[p.nodeId] = (perNode[p.nodeId] ?? 0) + p.value.data.length;
      for (const id of model.order) expect(perNode[id] ?? 0, id).toBe(analysis.nodes[id].params);
      // a 2-row batch of valid inputs (token ids below the first Embedding's vocabulary)
      const input = doc.nodes.find((n: { type: string }) => n.type === 'Input');
      const emb = doc.nodes.find((n: { type: string }) => n.type === 'Embedding');
      const rng = new Rng(1);
      const shape = [2, ...model.inputShape];
      const n = shape.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: n }, () =>
        input.params.dtype === 'int32'
          ? rng.int(Math.min(emb?.params.vocabSize ?? 2, 50))
          : rng.uniform(-1, 1),
      );
      const y = model.forward({ shape, data });
      expect(y.shape).toEqual([2, ...analysis.nodes[model.order[model.order.length - 1]].outputShape!]);
      expect(Array.from(y.data).every(Number.isFinite)).toBe(true);
    });
  }
});
