// Per node type: the PyTorch module that computes it, how our parameter names map onto the
// module's, and how its parameters are initialized. Standard modules where they are exact
// (nn.Linear, nn.Embedding, nn.RNN tanh/relu, nn.LSTM standard, nn.GRU); small custom cells
// (runtime.ts) for the sigmoid RNN, the peephole and the prototype LSTM.
import type { GraphNode } from '../../../graph-schema/schema.ts';
import type { ExportNode } from '../plan.ts';
import { pyBool, pyNum, pyStr } from '../python.ts';

/** How one parameter of ours is initialized: [module parameter path, how, argument]. */
export type InitEntry = [path: string, how: string, arg: string];

/** What the generator writes for one node with parameters. */
export interface ModuleSpec {
  /** Python expression building the module (assigned to self.<name>) */
  ctor: string;
  /** extra Python statements after the assignment, e.g. single_bias(self.lstm) */
  after: string[];
  /** "<nodeId>.<param>" -> module parameter path (relative to the model) */
  weights: [string, string][];
  init: InitEntry[];
  /** Python expression of the node's output given the module attribute and the input variable */
  call(module: string, input: string): string;
  /** which runtime cell classes it needs */
  cells: string[];
}

type Init = { kernel?: string; recurrent?: string; scale?: number } | undefined;

/** [how, argument]; only "uniform" takes an argument (its half-width, Keras's default 0.05). */
function initOf(how: string, init: Init): [string, string] {
  return [how, how === 'uniform' ? pyNum(init?.scale ?? 0.05) : 'None'];
}

function kernelInit(init: Init, fallback: string): [string, string] {
  return initOf(init?.kernel ?? fallback, init);
}

function recurrentInit(init: Init): [string, string] {
  return initOf(init?.recurrent ?? 'orthogonal', init);
}

/** The module spec of a node, or null for nodes without parameters (Input, Softmax, Concat, Add). */
export function moduleSpec(n: ExportNode): ModuleSpec | null {
  const node = n.node;
  const inF = n.inputShapes[0]?.[n.inputShapes[0].length - 1] ?? 0;
  switch (node.type) {
    case 'Dense':
      return denseSpec(n, node, inF);
    case 'Embedding': {
      const init = node.params.init as Init;
      return {
        ctor: `nn.Embedding(${node.params.vocabSize}, ${node.params.dim})`,
        after: [],
        weights: [[`${n.id}.table`, `${n.name}.weight`]],
        // Keras's Embedding default is uniform(-0.05, 0.05)
        init: [[`${n.name}.weight`, ...kernelInit(init, 'uniform')]],
        call: (m, x) => `${m}(${x})`,
        cells: [],
      };
    }
    case 'RNN':
    case 'LSTM':
    case 'GRU':
      return recurrentSpec(n, node, inF);
    default:
      return null;
  }
}

function denseSpec(n: ExportNode, node: Extract<GraphNode, { type: 'Dense' }>, inF: number): ModuleSpec {
  const useBias = node.params.useBias ?? true;
  const weights: [string, string][] = [[`${n.id}.W`, `${n.name}.weight`]];
  const init: InitEntry[] = [[`${n.name}.weight`, ...kernelInit(node.params.init as Init, 'glorot_uniform')]];
  if (useBias) {
    weights.push([`${n.id}.b`, `${n.name}.bias`]);
    init.push([`${n.name}.bias`, 'zeros', 'None']);
  }
  return {
    ctor: `nn.Linear(${inF}, ${node.params.units}${useBias ? '' : ', bias=False'})`,
    after: [],
    weights,
    init,
    call: (m, x) => `${m}(${x})`, // nn.Linear works on the last axis, so sequences stay sequences
    cells: [],
  };
}

type RecurrentNode = Extract<GraphNode, { type: 'RNN' | 'LSTM' | 'GRU' }>;

/** Our parameter names per direction, in the order the layer lists them. */
function ourParams(node: RecurrentNode): string[] {
  if (node.type === 'GRU') return ['W_ih', 'W_hh', 'b_ih', 'b_hh'];
  if (node.type === 'LSTM' && node.params.variant === 'peephole')
    return ['W_ih', 'W_hh', 'b', 'p_i', 'p_f', 'p_o'];
  return ['W_ih', 'W_hh', 'b'];
}

/** The custom cell class a node needs, or null when a standard PyTorch module is exact. */
function customCell(node: RecurrentNode): string | null {
  if (node.type === 'RNN' && node.params.activation === 'sigmoid') return 'SigmoidRNNCell';
  if (node.type === 'LSTM' && node.params.variant === 'peephole') return 'PeepholeLSTMCell';
  if (node.type === 'LSTM' && node.params.variant === 'prototype') return 'PrototypeLSTMCell';
  return null;
}

const TORCH_NAMES: Record<string, string> = {
  W_ih: 'weight_ih_l0',
  W_hh: 'weight_hh_l0',
  b: 'bias_ih_l0', // our single bias; bias_hh_l0 stays 0 (single_bias)
  b_ih: 'bias_ih_l0',
  b_hh: 'bias_hh_l0',
};

function recurrentSpec(n: ExportNode, node: RecurrentNode, inF: number): ModuleSpec {
  const H = node.params.units;
  const bi = node.params.bidirectional ?? false;
  const seqs = node.params.returnSequences ?? false;
  const cell = customCell(node);
  const dirs = bi ? ['', '_rev'] : [''];
  const weights: [string, string][] = [];
  const init: InitEntry[] = [];
  const forget = node.type === 'LSTM' ? (node.params.forgetBias ?? 1) : 0;
  for (const dir of dirs) {
    for (const p of ourParams(node)) {
      const path = cell
        ? `${n.name}.${dir ? 'rev' : 'fwd'}.${p}`
        : `${n.name}.${TORCH_NAMES[p]}${dir ? '_reverse' : ''}`;
      weights.push([`${n.id}.${p}${dir}`, path]);
      init.push([path, ...paramInit(p, node.params.init as Init, forget, H)]);
    }
  }
  const output = (seq: string) =>
    `recurrent_output(${seq}, ${H}, bidirectional=${pyBool(bi)}, return_sequences=${pyBool(seqs)})`;
  if (cell) {
    return {
      ctor: `Recurrent(lambda: ${cell}(${inF}, ${H}), bidirectional=${pyBool(bi)})`,
      after: [],
      weights,
      init,
      call: (m, x) => output(`${m}(${x})`),
      cells: [cell],
    };
  }
  const cls = node.type === 'RNN' ? 'nn.RNN' : node.type === 'LSTM' ? 'nn.LSTM' : 'nn.GRU';
  const act = node.type === 'RNN' ? `, nonlinearity=${pyStr(node.params.activation ?? 'tanh')}` : '';
  return {
    ctor: `${cls}(${inF}, ${H}${act}, batch_first=True, bidirectional=${pyBool(bi)})`,
    after: node.type === 'GRU' ? [] : [`single_bias(self.${n.name})`],
    weights,
    init,
    // nn.RNN/LSTM/GRU return (output sequence, final states); we need only the sequence
    call: (m, x) => output(`${m}(${x})[0]`),
    cells: [],
  };
}

function paramInit(p: string, init: Init, forget: number, H: number): [string, string] {
  if (p === 'W_ih') return kernelInit(init, 'glorot_uniform');
  if (p === 'W_hh') return recurrentInit(init);
  if (p === 'b' && forget !== 0) return ['forget_bias', `(${H}, ${pyNum(forget)})`];
  return ['zeros', 'None'];
}
