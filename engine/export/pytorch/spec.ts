// What a node type's descriptor tells the PyTorch generator: the module that computes it (how our
// parameter names map onto the module's, how they are initialized) and its lines in forward().
import type { NodeOfType, NodeType } from '../../../graph-schema/schema.ts';
import type { Fusion } from '../../model/loss-head.ts';
import type { ExportNode } from '../plan.ts';
import { pyNum } from '../python.ts';

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
  /** which runtime cell classes it needs (engine/export/pytorch/runtime.ts) */
  cells: string[];
  /** Python source of classes the module needs that torch lacks, written into the file once each
   *  (a layer keeps its own, e.g. SelfAttention's nn.Module, in its descriptor file) */
  classes?: string[];
}

/** An export node of one type. */
export type ExportNodeOf<T extends NodeType> = ExportNode & { node: NodeOfType<T> };

/** What forward() lines of a node are written from. */
export interface ForwardContext {
  /** the inputs as Python expressions, in edge order */
  args: string[];
  /** the output variable */
  out: string;
  /** a trailing comment with the output shape, e.g. "  # [B, 3]" */
  shape: string;
  /** the loss's fusion when this node is the model's output, else null */
  outputFusion: Fusion | null;
  /** the module's call on an input (`self.<name>(x)` and what follows), when module() gave one */
  call: ((input: string) => string) | null;
}

/** The PyTorch part of a descriptor. */
export interface PytorchExport<T extends NodeType> {
  /** the module of a node with parameters, or null (parameter-free nodes are plain torch calls) */
  module(n: ExportNodeOf<T>): ModuleSpec | null;
  /** the forward() lines computing ctx.out (8-space indented) */
  forward(n: ExportNodeOf<T>, ctx: ForwardContext): string[];
}

/** forward() of a module layer: out = module(input). */
export function callModule(_n: ExportNode, ctx: ForwardContext): string[] {
  if (!ctx.call) throw new Error('a module layer needs a module');
  return [`        ${ctx.out} = ${ctx.call(ctx.args[0])}${ctx.shape}`];
}

/** The input feature size of a node reading one input (its last axis). */
export function inFeatures(n: ExportNode): number {
  const s = n.inputShapes[0];
  return s?.[s.length - 1] ?? 0;
}

/** An init override as the generators read it. */
export type ExportInit = { kernel?: string; recurrent?: string; scale?: number } | undefined;

/** [how, argument]; only "uniform" takes an argument (its half-width, Keras's default 0.05). */
function initOf(how: string, init: ExportInit): [string, string] {
  return [how, how === 'uniform' ? pyNum(init?.scale ?? 0.05) : 'None'];
}

/** The kernel initializer: the override's, else the layer's Keras default. */
export function kernelInit(init: ExportInit, fallback: string): [string, string] {
  return initOf(init?.kernel ?? fallback, init);
}

/** The recurrent kernel initializer: the override's, else orthogonal. */
export function recurrentInit(init: ExportInit): [string, string] {
  return initOf(init?.recurrent ?? 'orthogonal', init);
}
