// The format's optimizer ranges are PyTorch's own argument checks: every hyperparameter is tried at
// its edges (negative, 0, tiny, 1, above 1, huge) and
//   - a graph that validates exports to a PyTorch file whose optimizer starts and takes a step;
//   - a graph the schema refuses is one torch.optim refuses too, unless it is in STRICTER (values
//     PyTorch accepts that cannot train, refused on purpose and documented in docs/training.md).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OptimizerConfig, validateGraph } from '../../graph-schema/index.ts';
import { optimizerCall } from '../../engine/export/pytorch/training.ts';
import { chainOf, PYTHON, tempDir, writeExport } from './helpers.ts';

const FIELDS: Record<string, string[]> = {
  sgd: ['lr'],
  momentum: ['lr', 'momentum', 'dampening'],
  nesterov: ['lr', 'momentum', 'dampening'],
  adagrad: ['lr', 'eps', 'lrDecay', 'initialAccumulatorValue'],
  rmsprop: ['lr', 'alpha', 'eps', 'momentum'],
  adam: ['lr', 'beta1', 'beta2', 'eps'],
};
const EDGES = [-1, -1e-12, 0, 1e-12, 0.5, 1 - 1e-12, 1, 1.5, 1e6, 1e7];

/** Values torch.optim accepts that the format refuses on purpose (each diverges or never trains). */
const STRICTER: Record<string, (v: number) => boolean> = {
  lr: (v) => v > 1e6,
  eps: (v) => v > 1e6,
  'momentum.momentum': (v) => v > 1,
  'momentum.dampening': (v) => v < 0 || v > 1, // torch has no check on dampening at all
  'nesterov.momentum': (v) => v > 1,
  'rmsprop.momentum': (v) => v > 1,
  'rmsprop.alpha': (v) => v > 1,
  'rmsprop.centered.alpha': (v) => v === 0,
};

interface Trial {
  name: string;
  optimizer: Record<string, unknown>;
  valid: boolean;
  stricter: boolean;
}

const mlp = (optimizer: Record<string, unknown>) =>
  chainOf(
    [
      ['in', 'Input', { shape: [3] }],
      ['out', 'Dense', { units: 2 }],
    ],
    { dataset: { id: 'builtin:spirals' }, optimizer, batchSize: 'full', epochs: 1, seed: 1 },
  );

const trials: Trial[] = [];
for (const [type, fields] of Object.entries(FIELDS)) {
  for (const field of fields) {
    for (const v of EDGES) {
      const optimizer = { type, [field]: v };
      const strict = STRICTER[`${type}.${field}`] ?? STRICTER[field];
      trials.push({
        name: `${type}.${field}=${v}`,
        optimizer,
        valid: validateGraph(mlp(optimizer)).ok,
        stricter: strict?.(v) ?? false,
      });
    }
  }
}
trials.push({
  name: 'rmsprop centered alpha=0',
  optimizer: { type: 'rmsprop', centered: true, alpha: 0 },
  valid: validateGraph(mlp({ type: 'rmsprop', centered: true, alpha: 0 })).ok,
  stricter: true,
});

// One Python process: each trial builds its optimizer (the exported file's make_optimizer for a
// valid graph, the same torch.optim call for a refused one) and takes one step.
const DRIVER = `
import importlib.util, json, sys, torch
torch.set_default_dtype(torch.float64)
out = {}
for t in json.load(open(sys.argv[1])):
    try:
        if "file" in t:
            spec = importlib.util.spec_from_file_location("m", t["file"])
            m = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(m)
            params = list(m.trainable(m.build_model()))
            opt = m.make_optimizer(params)
        else:
            params = [torch.nn.Parameter(torch.ones(3))]
            opt = eval(t["call"], {"torch": torch, "params": params})
        for p in params:
            p.grad = torch.full_like(p, 0.5)
        opt.step()
        out[t["name"]] = "ok"
    except Exception as e:
        out[t["name"]] = "refused: " + str(e)
json.dump(out, open(sys.argv[2], "w"))
`;

let results: Record<string, string> = {};

beforeAll(() => {
  const dir = tempDir();
  const jobs = trials.map((t, i) =>
    t.valid
      ? { name: t.name, file: writeExport(mlp(t.optimizer), dir, `opt${i}`) }
      : // the refused value over the type's defaults (the table reads a complete config)
        {
          name: t.name,
          call: optimizerCall({
            ...OptimizerConfig.parse({ type: t.optimizer.type }),
            ...t.optimizer,
          } as OptimizerConfig),
        },
  );
  results = runDriver(dir, jobs);
}, 120_000);

function runDriver(dir: string, jobs: unknown[]): Record<string, string> {
  writeFileSync(join(dir, 'drive.py'), DRIVER);
  writeFileSync(join(dir, 'trials.json'), JSON.stringify(jobs));
  const r = spawnSync(PYTHON, [join(dir, 'drive.py'), join(dir, 'trials.json'), join(dir, 'out.json')], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
}

describe('optimizer ranges equal PyTorch argument checks', () => {
  it('tries every field at every edge', () => {
    expect(trials.length).toBe(19 * EDGES.length + 1);
    expect(trials.filter((t) => t.valid).length).toBeGreaterThan(80);
  });

  it('every graph that validates exports to a file whose optimizer starts and steps', () => {
    const failed = trials
      .filter((t) => t.valid && results[t.name] !== 'ok')
      .map((t) => `${t.name}: ${results[t.name]}`);
    expect(failed).toEqual([]);
  });

  it('every refused setting is refused by torch.optim too, or is a documented stricter range', () => {
    const accepted = trials
      .filter((t) => !t.valid && !t.stricter && results[t.name] === 'ok')
      .map((t) => t.name);
    expect(accepted).toEqual([]);
  });

  it('the stricter ranges are only values torch accepts (no accidental refusal listed as stricter)', () => {
    for (const t of trials.filter((x) => x.stricter)) expect(t.valid, t.name).toBe(false);
  });

  it('the field inputs: Adam beta1 = 1 and Nesterov momentum 0 are refused with the reason', () => {
    const adam = validateGraph(mlp({ type: 'adam', beta1: 1 }));
    const nest = validateGraph(mlp({ type: 'nesterov', momentum: 0 }));
    expect(adam.ok || adam.issues[0].message).toMatch(
      /beta1 must be at least 0 and below 1 \(PyTorch's Adam refuses/,
    );
    expect(nest.ok || nest.issues[0].message).toMatch(/momentum must be above 0 .*PyTorch refuses 0/);
  });
});
