// What the RNN, LSTM and GRU descriptors (engine/layers/rnn.ts, lstm.ts, gru.ts) share: the shape
// rule, per-direction parameter shapes, the card line, and the PyTorch and Keras export pieces.
import type { NodeOfType } from '../../../graph-schema/schema.ts';
import type { KerasWeights } from '../../export/keras/spec.ts';
import {
  type ExportInit,
  type ExportNodeOf,
  type InitEntry,
  inFeatures,
  kernelInit,
  type ModuleSpec,
  recurrentInit,
} from '../../export/pytorch/spec.ts';
import { pyBool, pyNum, pyStr } from '../../export/python.ts';
import { type FlowInfo, idsNeedEmbedding, type NodeInput, showShape } from '../../shapes/flow.ts';
import type { ParamShape } from '../descriptor.ts';

type RecurrentType = 'RNN' | 'LSTM' | 'GRU';
type RecurrentNode = NodeOfType<RecurrentType>;

/** Shape rule: [T, F] -> [T, D·units] with returnSequences, else [D·units] (D = 2 when bidirectional). */
export function inferRecurrent(node: RecurrentNode, [x]: NodeInput[]): FlowInfo | string {
  if (x.dtype === 'int32') return idsNeedEmbedding(x);
  if (x.shape.length !== 2) {
    return `needs a sequence [T, features] (one vector per time step), but ${x.from} gives ${showShape(x.shape)}: feed it from an Embedding or from a recurrent layer with returnSequences: true`;
  }
  const p = node.params;
  const width = p.units * (p.bidirectional ? 2 : 1); // both directions are concatenated
  return { shape: p.returnSequences ? [x.shape[0], width] : [width], dtype: 'float32' };
}

/** One direction's tensors (from `perDirection(units, features)`), then the reverse's, suffixed _rev. */
export function recurrentParamShapes(
  node: RecurrentNode,
  [x]: number[][],
  perDirection: (H: number, F: number) => ParamShape[],
): ParamShape[] {
  const one = perDirection(node.params.units, x[x.length - 1]);
  if (!node.params.bidirectional) return one;
  return [...one, ...one.map((p) => ({ name: `${p.name}_rev`, shape: p.shape }))];
}

/** "64 units · <extra> · seq · bi" */
export function recurrentCard(node: RecurrentNode, extra: string[] = []): string {
  const parts = [`${node.params.units} units`, ...extra];
  if (node.params.returnSequences) parts.push('seq');
  if (node.params.bidirectional) parts.push('bi');
  return parts.join(' · ');
}

/** How a recurrent node is written in PyTorch. */
export interface TorchRecurrent {
  /** our parameter names per direction, in the layer's order */
  params: string[];
  /** the custom cell class (runtime.ts) when no standard module is exact, else null */
  cell: string | null;
  /** the standard module (nn.RNN, nn.LSTM, nn.GRU) and its extra arguments, e.g. `, nonlinearity="tanh"` */
  module: string;
  moduleArgs: string;
  /** our single bias b: the module's bias_hh_l0 is pinned at 0 (single_bias) */
  singleBias: boolean;
  /** initial forget-gate bias of an LSTM's b (0 for the others) */
  forgetBias: number;
}

const TORCH_NAMES: Record<string, string> = {
  W_ih: 'weight_ih_l0',
  W_hh: 'weight_hh_l0',
  b: 'bias_ih_l0', // our single bias; bias_hh_l0 stays 0 (single_bias)
  b_ih: 'bias_ih_l0',
  b_hh: 'bias_hh_l0',
};

function paramInit(p: string, init: ExportInit, forget: number, H: number): [string, string] {
  if (p === 'W_ih') return kernelInit(init, 'glorot_uniform');
  if (p === 'W_hh') return recurrentInit(init);
  if (p === 'b' && forget !== 0) return ['forget_bias', `(${H}, ${pyNum(forget)})`];
  return ['zeros', 'None'];
}

/** The PyTorch module spec of a recurrent node. */
export function recurrentModule(n: ExportNodeOf<RecurrentType>, t: TorchRecurrent): ModuleSpec {
  const { units: H, bidirectional: bi, returnSequences: seqs, init } = n.node.params;
  const weights: [string, string][] = [];
  const inits: InitEntry[] = [];
  for (const dir of bi ? ['', '_rev'] : ['']) {
    for (const p of t.params) {
      const path = t.cell
        ? `${n.name}.${dir ? 'rev' : 'fwd'}.${p}`
        : `${n.name}.${TORCH_NAMES[p]}${dir ? '_reverse' : ''}`;
      weights.push([`${n.id}.${p}${dir}`, path]);
      inits.push([path, ...paramInit(p, init, t.forgetBias, H)]);
    }
  }
  const output = (seq: string) =>
    `recurrent_output(${seq}, ${H}, bidirectional=${pyBool(bi)}, return_sequences=${pyBool(seqs)})`;
  if (t.cell) {
    return {
      ctor: `Recurrent(lambda: ${t.cell}(${inFeatures(n)}, ${H}), bidirectional=${pyBool(bi)})`,
      after: [],
      weights,
      init: inits,
      call: (m, x) => output(`${m}(${x})`),
      cells: [t.cell],
    };
  }
  return {
    ctor: `${t.module}(${inFeatures(n)}, ${H}${t.moduleArgs}, batch_first=True, bidirectional=${pyBool(bi)})`,
    after: t.singleBias ? [`single_bias(self.${n.name})`] : [],
    weights,
    init: inits,
    // nn.RNN/LSTM/GRU return (output sequence, final states); we need only the sequence
    call: (m, x) => output(`${m}(${x})[0]`),
    cells: [],
  };
}

/** The Keras call of a recurrent node given its layer's constructor head, e.g. `layers.GRU(8, ...`. */
export function recurrentKerasCall(n: ExportNodeOf<RecurrentType>, head: string, x: string): string {
  const cell = `${head}, return_sequences=${pyBool(n.node.params.returnSequences)}`;
  if (n.node.params.bidirectional) {
    return `layers.Bidirectional(${cell}), merge_mode="concat", name=${pyStr(n.id)})(${x})`;
  }
  return `${cell}, name=${pyStr(n.id)})(${x})`;
}

/** The WEIGHT_PLAN row of a recurrent node (Bidirectional: forward weights, then backward's). */
export function recurrentKerasWeights(n: ExportNodeOf<RecurrentType>, arrays: string): KerasWeights {
  return { layer: n.id, nodeId: n.id, directions: n.node.params.bidirectional ? ['', '_rev'] : [''], arrays };
}
