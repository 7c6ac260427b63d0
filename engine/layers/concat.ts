// Concat on the last axis: leading dims agree, feature widths add up. Backward slices the gradient
// back into one piece per input, in edge order.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { reuse, shapeText } from '../kernels/buffers.ts';
import type { DType, Tensor } from '../tensor.ts';
import { pyStr } from '../export/python.ts';
import { floatInputs, showShape } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import type { Layer, PassOptions } from './layer.ts';

/** [..., F1], [..., F2], ... -> [..., F1 + F2 + ...]; no params. */
export class ConcatLayer implements Layer {
  readonly params = [];
  readonly outputShape: number[];
  private readonly widths: number[];
  private readonly total: number;
  private y: Tensor | null = null;
  private dx: (Tensor | null)[];
  private inShapes: number[][] = [];

  constructor(
    readonly nodeId: string,
    inputShapes: number[][],
    readonly dtype: DType,
  ) {
    this.widths = inputShapes.map((s) => s[s.length - 1]);
    this.total = this.widths.reduce((a, b) => a + b, 0);
    this.outputShape = [...inputShapes[0].slice(0, -1), this.total];
    this.dx = inputShapes.map(() => null);
  }

  /** Copies each input's rows side by side into the output rows. */
  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const rows = inputs[0].data.length / this.widths[0];
    inputs.forEach((x, i) => {
      if (x.data.length !== rows * this.widths[i]) {
        throw new Error(
          `Concat '${this.nodeId}': input ${i + 1} has shape ${shapeText(x.shape)}, whose leading dims differ from input 1 ${shapeText(inputs[0].shape)}`,
        );
      }
    });
    this.inShapes = inputs.map((x) => x.shape);
    const y = reuse(this.y, [...inputs[0].shape.slice(0, -1), this.total], this.dtype);
    this.y = y;
    let col = 0;
    inputs.forEach((x, i) => {
      const w = this.widths[i];
      for (let r = 0; r < rows; r++) {
        const src = r * w;
        const dst = r * this.total + col;
        for (let j = 0; j < w; j++) y.data[dst + j] = x.data[src + j];
      }
      col += w;
    });
    return y;
  }

  /** Splits dOut [..., total] back into [..., F_i] per input. */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    const rows = dOut.data.length / this.total;
    let col = 0;
    return this.widths.map((w, i) => {
      const dx = reuse(this.dx[i], this.inShapes[i], this.dtype);
      this.dx[i] = dx;
      for (let r = 0; r < rows; r++) {
        const src = r * this.total + col;
        for (let j = 0; j < w; j++) dx.data[r * w + j] = dOut.data[src + j];
      }
      col += w;
      return dx;
    });
  }
}

/** Registry factory for Concat nodes. */
export function createConcat(node: NodeOfType<'Concat'>, inputShapes: number[][], dtype: DType): Layer {
  return new ConcatLayer(node.id, inputShapes, dtype);
}

export const concatLayer: LayerDescriptor<'Concat'> = {
  arity: 'many',
  infer: (_node, inputs) => {
    const bad = floatInputs(inputs);
    if (bad) return bad;
    const [a, ...rest] = inputs;
    for (const b of rest) {
      if (b.shape.length !== a.shape.length) {
        return `joins inputs of different ranks: ${showShape(a.shape)} from ${a.from} and ${showShape(b.shape)} from ${b.from}: join sequences with sequences, vectors with vectors`;
      }
      const lead = a.shape.slice(0, -1);
      if (lead.some((d, i) => b.shape[i] !== d)) {
        const what = a.shape.length === 2 ? 'sequence lengths differ' : 'leading dimensions differ';
        return `${what}: ${showShape(a.shape)} from ${a.from} and ${showShape(b.shape)} from ${b.from}; all but the last axis must agree to join on the last axis`;
      }
    }
    const last = inputs.reduce((sum, x) => sum + x.shape[x.shape.length - 1], 0);
    return { shape: [...a.shape.slice(0, -1), last], dtype: 'float32' };
  },
  paramShapes: () => [],
  create: createConcat,
  card: () => 'on last axis',
  perStep: false,
  pytorch: {
    module: () => null,
    forward: (_n, { args, out, shape }) => [
      `        ${out} = torch.cat([${args.join(', ')}], dim=-1)${shape}`,
    ],
  },
  keras: {
    call: (n, args) => `layers.Concatenate(axis=-1, name=${pyStr(n.id)})([${args.join(', ')}])`,
    weights: () => null,
  },
};
