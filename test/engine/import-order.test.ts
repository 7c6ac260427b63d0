// engine/model.ts must load on its own (first import of a process, as the CLI's compile path does):
// a layer descriptor importing an export module that reads the layer registry made a cycle in which
// the registry saw its layers before they were defined ("Cannot read properties of undefined").
import { compileModel } from '../../engine/model.ts';
import { describe, expect, it } from 'vitest';

describe('engine/model.ts as the first import', () => {
  it('loads and compiles', () => {
    const m = compileModel({
      format: 'backprop-studio.graph',
      version: 1,
      name: 'tiny',
      nodes: [
        { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [2], dtype: 'float32' } },
        {
          id: 'out',
          type: 'Dense',
          position: { x: 0, y: 0 },
          params: { units: 1, activation: 'identity', useBias: true },
        },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'out' }],
    } as never);
    expect(m.outputShape).toEqual([1]);
  });
});
