// The graph-dependent part of the PyTorch file: the Model class (one attribute per layer, a
// forward() that follows the engine's topological order), WEIGHT_MAP, INIT and build_model().
import type { ExportNode, ExportPlan } from '../plan.ts';
import { pyStr } from '../python.ts';
import { type ModuleSpec, moduleSpec } from './layers.ts';

const ACTIVATIONS: Record<string, string> = {
  relu: 'torch.relu',
  sigmoid: 'torch.sigmoid',
  tanh: 'torch.tanh',
};

const shapeComment = (shape: number[]) => `[B, ${shape.join(', ')}]`;

/** Python source of the Model class, WEIGHT_MAP, INIT and build_model(), plus the cells used. */
export function modelSource(plan: ExportPlan): { source: string; cells: Set<string> } {
  const specs = new Map<string, ModuleSpec>();
  for (const n of plan.nodes) {
    const s = moduleSpec(n);
    if (s) specs.set(n.id, s);
  }
  const cells = new Set([...specs.values()].flatMap((s) => s.cells));
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
  return { source, cells };
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
  for (const n of plan.nodes) {
    if (n.node.type === 'Input') continue;
    lines.push(...nodeLines(plan, n, specs.get(n.id) ?? null, inDtype));
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

function nodeLines(plan: ExportPlan, n: ExportNode, spec: ModuleSpec | null, inDtype: string): string[] {
  const src = n.inputs.map((id) => plan.byId.get(id)!);
  const arg = (i: number) => {
    const s = src[i];
    if (s.node.type !== 'Input') return s.name;
    // token ids stay long for Embedding; any other layer reading them needs floats
    if (n.node.type === 'Embedding') return inDtype === 'int32' ? s.name : `${s.name}.long()`;
    return inDtype === 'int32' ? `${s.name}.to(next(self.parameters()).dtype)` : s.name;
  };
  const out = n.name;
  const shape = `  # ${shapeComment(n.outputShape)}`;
  const isOutput = n.id === plan.output.id;
  switch (n.node.type) {
    case 'Softmax': {
      const lines = [];
      if (isOutput && plan.fusion === 'softmax')
        lines.push('        if logits:', `            return ${arg(0)}`);
      lines.push(`        ${out} = torch.softmax(${arg(0)}, dim=-1)${shape}`);
      return lines;
    }
    case 'Concat':
      return [`        ${out} = torch.cat([${src.map((_, i) => arg(i)).join(', ')}], dim=-1)${shape}`];
    case 'Add':
      return [`        ${out} = ${src.map((_, i) => arg(i)).join(' + ')}${shape}`];
    case 'Dense': {
      const act = ACTIVATIONS[n.node.params.activation ?? 'identity'];
      const pre = spec!.call(`self.${n.name}`, arg(0));
      if (!act) return [`        ${out} = ${pre}${shape}`];
      if (isOutput && plan.fusion === 'sigmoid') {
        return [
          `        ${out} = ${pre}${shape} (logits)`,
          '        if logits:',
          `            return ${out}`,
          `        ${out} = ${act}(${out})`,
        ];
      }
      return [`        ${out} = ${act}(${pre})${shape}`];
    }
    default:
      if (!spec) throw new Error(`node '${n.id}': the PyTorch export does not know node type ${n.node.type}`);
      return [`        ${out} = ${spec.call(`self.${n.name}`, arg(0))}${shape}`];
  }
}
