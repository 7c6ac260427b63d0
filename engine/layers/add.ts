// Add: elementwise sum of same-shaped inputs (a residual connection). Its backward hands the same
// gradient to every input; the model sums what arrives at each producer.
import type { NodeOfType } from '../../graph-schema/schema.ts';
import { reuse, sameShape, shapeText } from '../kernels/buffers.ts';
import type { DType, Tensor } from '../tensor.ts';
import { pyStr } from '../export/python.ts';
import { floatInputs, showShape } from '../shapes/flow.ts';
import type { LayerDescriptor } from './descriptor.ts';
import type { Layer, PassOptions } from './layer.ts';

/** x1 + x2 + ... (all the same shape); no params. */
export class AddLayer implements Layer {
  readonly params = [];
  readonly outputShape: number[];
  private y: Tensor | null = null;
  private count = 0;

  constructor(
    readonly nodeId: string,
    inputShapes: number[][],
    readonly dtype: DType,
  ) {
    this.outputShape = [...inputShapes[0]];
  }

  /** y = Σ inputs. */
  forward(inputs: Tensor[], _opts: PassOptions): Tensor {
    const first = inputs[0];
    const y = reuse(this.y, first.shape, this.dtype);
    this.y = y;
    y.data.set(first.data);
    for (let i = 1; i < inputs.length; i++) {
      const x = inputs[i];
      if (!sameShape(x.shape, first.shape)) {
        throw new Error(
          `Add '${this.nodeId}': input ${i + 1} has shape ${shapeText(x.shape)} but input 1 has ${shapeText(first.shape)}`,
        );
      }
      for (let j = 0; j < y.data.length; j++) y.data[j] += x.data[j];
    }
    this.count = inputs.length;
    return y;
  }

  /** dL/dx_i = dL/dy for every input (the same tensor, read-only). */
  backward(dOut: Tensor, _opts: PassOptions): (Tensor | null)[] {
    return Array.from({ length: this.count }, () => dOut);
  }
}

/** Registry factory for Add nodes. */
export function createAdd(node: NodeOfType<'Add'>, inputShapes: number[][], dtype: DType): Layer {
  return new AddLayer(node.id, inputShapes, dtype);
}

export const addLayer: LayerDescriptor<'Add'> = {
  arity: 'many',
  infer: (_node, inputs) => {
    const bad = floatInputs(inputs);
    if (bad) return bad;
    const [a, ...rest] = inputs;
    const b = rest.find((x) => showShape(x.shape) !== showShape(a.shape));
    if (b) {
      return `adds inputs of different shapes: ${showShape(a.shape)} from ${a.from} and ${showShape(b.shape)} from ${b.from}; Add needs equal shapes (use Concat to join different widths)`;
    }
    return { shape: [...a.shape], dtype: 'float32' };
  },
  paramShapes: () => [],
  create: createAdd,
  card: () => 'elementwise',
  perStep: false,
  pytorch: {
    module: () => null,
    forward: (_n, { args, out, shape }) => [`        ${out} = ${args.join(' + ')}${shape}`],
  },
  keras: {
    call: (n, args) => `layers.Add(name=${pyStr(n.id)})([${args.join(', ')}])`,
    weights: () => null,
  },
};
