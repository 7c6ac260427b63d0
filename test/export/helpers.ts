// Helpers for the export tests: graphs written in a line, our engine's output on random weights,
// and ONE Python process that runs many exported files' main() (importing torch costs seconds,
// so a process per file would make the suite crawl on a shared machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Graph } from '../../graph-schema/schema.ts';
import { exportGraph } from '../../engine/export/index.ts';
import { compileModel } from '../../engine/model.ts';
import { Rng } from '../../engine/random.ts';
import { type DType, fromArray, sizeOf, type Tensor } from '../../engine/tensor.ts';
import type { WeightsFile } from '../../engine/types.ts';

/** The Python with torch (Debian's python3-torch). */
export const PYTHON = '/usr/bin/python3';

/** A node in a graph literal: [id, type, params]. */
export type NodeSpec = [id: string, type: string, params?: Record<string, unknown>];

/** A graph document from nodes and [source, target] edges (edge ids e1, e2, ... in order). */
export function graphOf(
  nodes: NodeSpec[],
  edges: [string, string][],
  training?: Record<string, unknown>,
): Graph {
  return {
    format: 'backprop-studio.graph',
    version: 1,
    name: 'export test',
    nodes: nodes.map(([id, type, params], i) => ({
      id,
      type,
      position: { x: i * 100, y: 0 },
      params: params ?? {},
    })),
    edges: edges.map(([source, target], i) => ({ id: `e${i + 1}`, source, target })),
    ...(training ? { training } : {}),
  } as unknown as Graph;
}

/** A chain graph: each node feeds the next. */
export function chainOf(nodes: NodeSpec[], training?: Record<string, unknown>): Graph {
  const edges = nodes.slice(1).map((n, i): [string, string] => [nodes[i][0], n[0]]);
  return graphOf(nodes, edges, training);
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bps-export-'));
}

/** Every weight of a compiled graph replaced by uniform(-0.5, 0.5) (so zero-initialized biases and peepholes matter too). */
export function randomWeights(graph: Graph, seed: number): WeightsFile {
  const w = compileModel(graph, { seed }).getWeights();
  const rng = new Rng(seed + 1);
  for (const t of Object.values(w.tensors)) t.data = t.data.map(() => rng.uniform(-0.5, 0.5));
  return w;
}

/** A random batch for the graph's Input: token ids below `vocab` for int inputs, else uniform(-1, 1). */
export function randomBatch(shape: number[], batch: number, seed: number, vocab?: number): Tensor {
  const rng = new Rng(seed);
  const full = [batch, ...shape];
  const data = Array.from({ length: sizeOf(full) }, () => (vocab ? rng.int(vocab) : rng.uniform(-1, 1)));
  return fromArray(full, data, 'float64');
}

/** Our engine's output for x with the given weights, in the dtype. */
export function engineOutput(graph: Graph, weights: WeightsFile, x: Tensor, dtype: DType): Tensor {
  const model = compileModel(graph, { dtype, seed: 1 });
  model.setWeights(weights);
  const y = model.forward(x);
  return { shape: [...y.shape], data: y.data.slice() };
}

/** Writes the PyTorch export of a graph to dir/name.py and returns the path (throws with the problems). */
export function writeExport(
  graph: Graph,
  dir: string,
  name: string,
  target: 'pytorch' | 'keras' = 'pytorch',
): string {
  const r = exportGraph(graph, target);
  if (!r.ok) throw new Error(`export failed: ${r.problems.map((p) => p.message).join('; ')}`);
  const file = join(dir, `${name}.py`);
  writeFileSync(file, r.code);
  return file;
}

/** Writes a JSON file and returns its path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** A tensor as the JSON files hold it. */
export function tensorJson(t: Tensor): { shape: number[]; data: number[] } {
  return { shape: [...t.shape], data: Array.from(t.data) };
}

/** One call of an exported file's main(argv). */
export interface PyJob {
  name: string;
  file: string;
  argv: string[];
  /** instead of main(argv): compile_for_training(build_model()) (Keras files) */
  compile?: boolean;
  /** instead of main(argv): print the trainable parameter count of build_model() (PyTorch files) */
  count?: boolean;
}

/** What main() printed (stdout lines), or the error it exited with. */
export interface PyResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const DRIVER = `
import contextlib, importlib.util, io, json, sys
jobs = json.load(open(sys.argv[1]))
results = {}
for job in jobs:
    out, err, code = io.StringIO(), io.StringIO(), 0
    try:
        spec = importlib.util.spec_from_file_location("exported_" + job["name"].replace("-", "_"), job["file"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            if job.get("compile"):  # Keras: build the model and set up training
                model = module.build_model()
                module.compile_for_training(model)
                print(repr(model.compiled))
            elif job.get("count"):  # PyTorch: the number of parameters training updates
                print(sum(p.numel() for p in module.trainable(module.build_model())))
            else:
                module.main(job["argv"])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except Exception as e:
        err.write(repr(e))
        code = 99
    results[job["name"]] = {"stdout": out.getvalue(), "stderr": err.getvalue(), "exitCode": code}
json.dump(results, open(sys.argv[2], "w"))
`;

/** Runs every job's main(argv) in one Python process; results by job name. */
export function runPythonJobs(jobs: PyJob[], dir: string, pythonPath?: string): Record<string, PyResult> {
  const driver = join(dir, 'driver.py');
  writeFileSync(driver, DRIVER);
  const jobsFile = writeJson(dir, 'jobs.json', jobs);
  const resultsFile = join(dir, 'results.json');
  // no __pycache__ folders left in the checkout (the stub is imported from test/export)
  const env = {
    ...process.env,
    PYTHONDONTWRITEBYTECODE: '1',
    ...(pythonPath ? { PYTHONPATH: pythonPath } : {}),
  };
  const r = spawnSync(PYTHON, [driver, jobsFile, resultsFile], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`python driver failed: ${r.stderr}`);
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, PyResult>;
}

/** The largest |a - b| and whether every element is within atol + rtol·|b|. */
export function compareTensors(
  actual: { shape: number[]; data: ArrayLike<number> },
  expected: { shape: number[]; data: ArrayLike<number> },
  rtol: number,
  atol: number,
): { maxAbs: number; ok: boolean; why?: string } {
  if (actual.shape.join(',') !== expected.shape.join(',')) {
    return {
      maxAbs: Number.POSITIVE_INFINITY,
      ok: false,
      why: `shape [${actual.shape}] vs [${expected.shape}]`,
    };
  }
  let maxAbs = 0;
  let ok = true;
  let why: string | undefined;
  for (let i = 0; i < expected.data.length; i++) {
    const d = Math.abs(actual.data[i] - expected.data[i]);
    if (!(d <= atol + rtol * Math.abs(expected.data[i]))) {
      ok = false;
      why ??= `element ${i}: ${actual.data[i]} vs ${expected.data[i]}`;
    }
    if (!(d <= maxAbs)) maxAbs = d;
  }
  return { maxAbs, ok, why };
}
