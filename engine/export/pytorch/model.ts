// The graph-dependent part of the PyTorch file: the Model class (one attribute per layer, a
// forward() that follows the engine's topological order), WEIGHT_MAP, INIT and build_model().
import type { ExportNode, ExportPlan } from '../plan.ts';
import { pyStr } from '../python.ts';
import { layerOf } from '../../layers/registry.ts';
import { type ModuleSpec, moduleSpec } from './layers.ts';

const shapeComment = (shape: number[]) => `[B, ${shape.join(', ')}]`;

/** Python source of the Model class, WEIGHT_MAP, INIT and build_model(), plus the cells and classes used. */
export function modelSource(plan: ExportPlan): { source: string; cells: Set<string>; classes: string[] } {
  const specs = new Map<string, ModuleSpec>();
  for (const n of plan.nodes) {
    const s = moduleSpec(n);
    if (s) specs.set(n.id, s);
  }
  const cells = new Set([...specs.values()].flatMap((s) => s.cells));
  // classes a layer's descriptor brings along (each once, however many nodes use it)
  const classes = [...new Set([...specs.values()].flatMap((s) => s.classes ?? []))];
  const init = ['    def __init__(self):', '        super().__init__()'];
  for (const [id, s] of specs) {
    const n = plan.byId.get(id)!;
    init.push(
      `        self.${n.name} = ${s.ctor}  # ${id} (${n.node.type}) -> ${shapeComment(n.outputShape)}`,
    );
    for (const a of s.after) init.push(`        ${a}`);
  }
  const weightLines = [...specs.values()].flatMap((s) =>
    s.weights.map(([k, v]) => `    ${pyStr(k)}: ${pyStr(v)},`),
  );
  const initLines = [...specs.values()].flatMap((s) =>
    s.init.map(([p, how, arg]) => `    (${pyStr(p)}, ${pyStr(how)}, ${arg}),`),
  );
  const source = [
    `class Model(nn.Module):`,
    `    """${docLine(plan)}"""`,
    '',
    ...init,
    '',
    ...forwardSource(plan, specs),
    '',
    '',
    '# Our weights file names ("<nodeId>.<param>") -> this module\'s parameters. The layouts are',
    '# the same on both sides (Linear [out, in]; gates stacked i, f, g, o / r, z, n), so loading',
    '# is a plain copy.',
    'WEIGHT_MAP = {',
    ...weightLines,
    '}',
    '',
    '# (parameter, initializer, argument): Keras defaults as Backprop Studio uses them.',
    'INIT = [',
    ...initLines,
    ']',
    '',
    '',
    'def build_model():',
    '    """The model, initialized like Backprop Studio does (glorot / orthogonal / zeros)."""',
    '    model = Model()',
    '    init_like_backprop_studio(model)',
    '    return model',
  ].join('\n');
  return { source, cells, classes };
}

function docLine(plan: ExportPlan): string {
  const name = plan.graph.name.replace(/\\/g, '/').replace(/"""/g, "'''");
  return `${name}: ${plan.nodes.map((n) => n.id).join(' -> ')}.`.replace(/\n/g, ' ');
}

/** forward(x, logits=False): every node in topological order; `logits` stops before the output activation the loss fuses. */
function forwardSource(plan: ExportPlan, specs: Map<string, ModuleSpec>): string[] {
  const inDtype = plan.input.node.type === 'Input' ? plan.input.node.params.dtype : 'float32';
  const xDoc = inDtype === 'int32' ? 'token ids (long)' : 'floats';
  const lines = [
    '    def forward(self, x: torch.Tensor, logits: bool = False) -> torch.Tensor:',
    `        """x ${shapeComment(plan.input.outputShape)} ${xDoc} -> ${shapeComment(plan.output.outputShape)}.`,
    `        logits=True returns ${logitsDoc(plan)}."""`,
  ];
  // the model's float dtype, read from a parameter (TorchScript has no next(self.parameters()))
  const firstParam = [...specs.values()].flatMap((s) => s.weights)[0]?.[1];
  const floatDtype = firstParam ? `self.${firstParam}.dtype` : 'torch.float32';
  for (const n of plan.nodes) {
    if (n.id === plan.input.id) continue; // x
    lines.push(...nodeLines(plan, n, specs.get(n.id) ?? null, inDtype, floatDtype));
  }
  lines.push(`        return ${plan.output.name}`);
  return lines;
}

function logitsDoc(plan: ExportPlan): string {
  if (plan.fusion === 'softmax') return 'the input of the final Softmax (what CrossEntropyLoss reads)';
  if (plan.fusion === 'sigmoid')
    return "the output Dense's pre-sigmoid values (what BCEWithLogitsLoss reads)";
  return 'the same output (MSELoss reads the output itself)';
}

function nodeLines(
  plan: ExportPlan,
  n: ExportNode,
  spec: ModuleSpec | null,
  inDtype: string,
  floatDtype: string,
): string[] {
  const reader = layerOf(n.node);
  const args = n.inputs.map((id) => {
    const s = plan.byId.get(id)!;
    if (s.id !== plan.input.id) return s.name;
    // token ids stay long for a layer that reads ids (Embedding); any other layer needs floats
    if (reader.tokenLimit) return inDtype === 'int32' ? s.name : `${s.name}.long()`;
    return inDtype === 'int32' ? `${s.name}.to(${floatDtype})` : s.name;
  });
  return reader.pytorch.forward(n, {
    args,
    out: n.name,
    shape: `  # ${shapeComment(n.outputShape)}`,
    outputFusion: n.id === plan.output.id ? plan.fusion : null,
    call: spec ? (x) => spec.call(`self.${n.name}`, x) : null,
  });
}
