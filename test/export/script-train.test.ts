// The way from the app to real training, end to end with Debian's python3-torch: for every example,
// `export --to pytorch` + `export-data` + the engine's initial weights as safetensors; the generated
// script trains a few steps on the exported folder. Its first-batch loss equals the engine's on the
// same batch, its later steps and validation metrics follow the engine's own steps, and the
// validation loss falls. Then: safetensors app -> script -> app bit for bit, checkpoints + --resume,
// TorchScript and ONNX files, a raw text CSV through the exported vocabulary, and torchrun.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../graph-schema/schema.ts';
import { loadDataset } from '../../engine/data/index.ts';
import type { Dataset } from '../../engine/data/types.ts';
import { compileModel, type Model } from '../../engine/model.ts';
import { clipGradients, createOptimizer } from '../../engine/optim/index.ts';
import { BatchSource, forEachChunk } from '../../engine/train/batching.ts';
import { accumulate, emptySums, finish } from '../../engine/train/metrics.ts';
import { decodeSafetensors } from '../../engine/train/safetensors.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';
import { trainValSplit } from '../../engine/train/trainer.ts';
import type { WeightsFile } from '../../engine/types.ts';
import { cli, ROOT } from '../cli/helpers.ts';
import { PYTHON, type PyJob, type PyResult, runPythonJobs, tempDir } from './helpers.ts';

/** Optimizer steps the script and the engine take per example (IMDb is slow; default 8). */
const STEPS: Record<string, number> = {
  'mlp-spirals': 36,
  'branching-residual': 12,
  'char-lstm-names': 4,
  'vanishing-rnn-recall': 4,
  'vanishing-lstm-recall': 4,
  'seed-imdb-bilstm': 3,
};
/** Every example in examples/ (a new one is covered without editing this file). */
const EXAMPLES: [name: string, steps: number][] = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort()
  .map((name) => [name, STEPS[name] ?? 8]);

interface EngineRun {
  losses: number[];
  initialVal: { loss: number; accuracy?: number; perplexity?: number };
  val: { loss: number; accuracy?: number; perplexity?: number };
}

/** Validation metrics of the model on the held-out rows, as the app's trainer computes them. */
function validate(model: Model, ds: Dataset, rows: Int32Array) {
  const sums = emptySums();
  forEachChunk(ds.x, ds.y, rows, 256, model.dtype, (b) =>
    accumulate(sums, model.loss, model.forward(b.x), b.y),
  );
  return finish(sums, model.loss, ds.task === 'language-model');
}

/** The engine's first `steps` updates over the training rows in file order (no shuffle), from w. */
async function engineSteps(graph: Graph, w: WeightsFile, steps: number): Promise<EngineRun> {
  const model = compileModel(graph);
  model.setWeights(w);
  const cfg = graph.training!;
  const ds = await loadDataset(
    { id: cfg.dataset.id, options: { seed: cfg.seed, ...cfg.dataset.options } },
    inputSpecOf(model),
  );
  const split = trainValSplit(ds.x.shape[0], cfg, cfg.seed);
  const initialVal = validate(model, ds, split.val);
  const batches = new BatchSource(ds.x, ds.y, split.train, cfg.batchSize, model.dtype);
  const opt = createOptimizer(cfg.optimizer, model.params);
  const losses: number[] = [];
  for (let k = 0; k < steps; k++) {
    const b = batches.batch(k % batches.stepsPerEpoch); // no shuffle: every epoch in file order
    losses.push(model.lossAndGrads(b.x, b.y, { instrument: false }).loss);
    clipGradients(model.params, cfg.clip ?? null);
    opt.step();
  }
  return { losses, initialVal, val: validate(model, ds, split.val) };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, number | string | number[]>);

const dir = tempDir();
const engine = new Map<string, EngineRun>();
let results: Record<string, PyResult> = {};
const paths = (name: string) => ({
  graph: join(ROOT, 'examples', `${name}.json`),
  code: join(dir, `${name}.py`),
  data: join(dir, name),
  start: join(dir, `${name}.start.safetensors`),
  out: join(dir, `${name}.trained.safetensors`),
});

beforeAll(async () => {
  const jobs: PyJob[] = [];
  for (const [name, steps] of EXAMPLES) {
    const p = paths(name);
    const graph = JSON.parse(readFileSync(p.graph, 'utf8')) as Graph;
    for (const argv of [
      ['export', p.graph, '--to', 'pytorch', '-o', p.code],
      ['export-data', p.graph, '-o', p.data],
      ['train', p.graph, '--epochs', '0', '--save-weights', p.start],
    ]) {
      const r = await cli(...argv);
      if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    }
    const w = decodeSafetensors(new Uint8Array(readFileSync(p.start)));
    if (!w.ok) throw new Error(w.message);
    engine.set(name, await engineSteps(graph, w.weights, steps));
    const argv = [
      'train',
      '--data',
      p.data,
      '--weights',
      p.start,
      '--epochs',
      '100',
      '--max-steps',
      String(steps),
    ];
    argv.push('--no-shuffle', '--json', '--log-steps', '--device', 'cpu', '--save-weights', p.out);
    jobs.push({ name, file: p.code, argv });
  }
  // safetensors app -> script -> app: no training step, the weights go through PyTorch's parameters
  const s = paths('mlp-spirals');
  const back = join(dir, 'roundtrip.safetensors');
  jobs.push({
    name: 'roundtrip',
    file: s.code,
    argv: ['train', '--data', s.data, '--weights', s.start, '--epochs', '0', '--save-weights', back],
  });
  // checkpoint after 1 epoch, resume to 2 == 2 epochs straight (weights and optimizer state restored)
  const common = ['train', '--data', s.data, '--weights', s.start, '--json', '--device', 'cpu'];
  jobs.push({
    name: 'straight',
    file: s.code,
    argv: [...common, '--epochs', '2', '--save-weights', join(dir, 'straight.safetensors')],
  });
  jobs.push({
    name: 'first-half',
    file: s.code,
    argv: [...common, '--epochs', '1', '--checkpoint', join(dir, 'ck.pt')],
  });
  jobs.push({
    name: 'resumed',
    file: s.code,
    argv: [
      ...common,
      '--epochs',
      '2',
      '--resume',
      join(dir, 'ck.pt'),
      '--save-weights',
      join(dir, 'resumed.safetensors'),
    ],
  });
  // TorchScript and ONNX of a recurrent example
  const c = paths('char-lstm-names');
  jobs.push({
    name: 'artefacts',
    file: c.code,
    argv: [
      'train',
      '--data',
      c.data,
      '--epochs',
      '1',
      '--max-steps',
      '1',
      '--json',
      '--torchscript',
      join(dir, 'lm.ts.pt'),
      '--onnx',
      join(dir, 'lm.onnx'),
      '--save-weights',
      join(dir, 'lm.safetensors'),
    ],
  });
  // the spam classifier on a user's own raw text,label CSV, read with the exported vocabulary
  const spam = paths('seed-imdb-bilstm');
  const csv = join(dir, 'my-mail.csv');
  const rows = ['text,label', '"WIN a FREE prize now, click here!!!",spam', 'Meeting moved to Tuesday,ham'];
  for (let i = 0; i < 18; i++)
    rows.push(i % 2 ? `cheap pills offer ${i},spam` : `lunch with the team ${i},ham`);
  writeFileSync(csv, `${rows.join('\n')}\n`);
  jobs.push({
    name: 'raw-csv',
    file: spam.code,
    argv: [
      'train',
      '--data',
      csv,
      '--tokenizer',
      spam.data,
      '--epochs',
      '1',
      '--max-steps',
      '1',
      '--json',
      '--weights',
      spam.start,
    ],
  });
  // the spirals MLP on a user's own numeric CSV (header, features x, y, label last)
  const points = join(dir, 'points.csv');
  const prow = ['x,y,label'];
  for (let i = 0; i < 40; i++) prow.push(`${Math.cos(i) * (i / 40)},${Math.sin(i) * (i / 40)},${i % 2}`);
  writeFileSync(points, `${prow.join('\n')}\n`);
  jobs.push({
    name: 'numeric-csv',
    file: s.code,
    argv: ['train', '--data', points, '--epochs', '2', '--json'],
  });
  const badPoints = join(dir, 'bad-points.csv');
  writeFileSync(badPoints, '1,2,0\n3,oops,1\n');
  jobs.push({ name: 'numeric-csv-bad', file: s.code, argv: ['train', '--data', badPoints, '--epochs', '1'] });
  jobs.push({
    name: 'no-cuda',
    file: s.code,
    argv: ['train', '--data', s.data, '--device', 'cuda', '--epochs', '1'],
  });
  jobs.push({
    name: 'raw-csv-no-vocab',
    file: spam.code,
    argv: ['train', '--data', join(ROOT, 'README.md'), '--epochs', '1'],
  });
  results = runPythonJobs(jobs, dir);
}, 900_000);

describe('generated PyTorch script trains on the exported data like the engine', () => {
  it.each(EXAMPLES.map(([n]) => n))('%s: first-batch loss, steps, validation metrics', (name) => {
    const r = results[name];
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = jsonLines(r.stdout);
    const steps = lines.filter((l) => 'batchLoss' in l).map((l) => l.batchLoss as number);
    const e = engine.get(name)!;
    expect(steps.length).toBe(e.losses.length);
    // first batch: same weights, same rows -> the same loss in float32
    console.log(
      `${name}: first-batch loss engine ${e.losses[0]} script ${steps[0]} (relative ${rel(steps[0], e.losses[0]).toExponential(2)}); ` +
        `after ${steps.length} steps val loss engine ${e.val.loss.toFixed(6)} script ${(lines.filter((l) => 'epoch' in l).at(-1)!.valLoss as number).toFixed(6)}, initial ${e.initialVal.loss.toFixed(6)}`,
    );
    expect(rel(steps[0], e.losses[0])).toBeLessThan(1e-5);
    // later steps follow the engine's own updates (float32 drift grows slowly with the steps)
    for (let k = 1; k < steps.length; k++) expect(rel(steps[k], e.losses[k])).toBeLessThan(1e-3);
    const epoch = lines.filter((l) => 'epoch' in l).at(-1)!;
    expect(Object.keys(epoch)).toEqual(expect.arrayContaining(['epoch', 'step', 'loss', 'valLoss']));
    expect(rel(epoch.valLoss as number, e.val.loss)).toBeLessThan(1e-3);
    // the validation loss falls from the initial weights' (the app's own number)
    expect(epoch.valLoss as number).toBeLessThan(e.initialVal.loss);
    if (e.val.perplexity !== undefined) {
      expect(rel(epoch.valPerplexity as number, e.val.perplexity)).toBeLessThan(1e-3);
    } else {
      expect(epoch.valAccuracy as number).toBeCloseTo(e.val.accuracy!, 6);
    }
  });
});

describe('files in and out of the script', () => {
  it('safetensors round trip app -> script -> app is bit-exact', () => {
    expect(results.roundtrip.exitCode).toBe(0);
    const a = decodeSafetensors(new Uint8Array(readFileSync(paths('mlp-spirals').start)));
    const b = decodeSafetensors(new Uint8Array(readFileSync(join(dir, 'roundtrip.safetensors'))));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.weights).toEqual(a.weights);
  });

  it('trained weights written by the script load in our CLI predict', async () => {
    const p = paths('mlp-spirals');
    const input = join(dir, 'x.json');
    writeFileSync(input, JSON.stringify({ x: { shape: [2, 2], data: [0.1, 0.2, -0.5, 0.3] } }));
    const r = await cli('predict', p.graph, '--weights', p.out, '--input', input);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).y.shape).toEqual([2, 2]);
  });

  it('a checkpoint + --resume continues exactly where two epochs in one go arrive', () => {
    for (const k of ['straight', 'first-half', 'resumed'])
      expect(results[k].exitCode, results[k].stderr).toBe(0);
    const straight = jsonLines(results.straight.stdout);
    const resumed = jsonLines(results.resumed.stdout);
    expect(resumed.map((l) => l.epoch)).toEqual([2]);
    expect(resumed[0]).toEqual(straight[1]);
    const a = readFileSync(join(dir, 'straight.safetensors'));
    const b = readFileSync(join(dir, 'resumed.safetensors'));
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('TorchScript and ONNX files load back and agree with the trained weights', async () => {
    expect(results.artefacts.exitCode, results.artefacts.stderr).toBe(0);
    // a batch of 3 sequences of 7 characters: not the export's length, so the sequence axis must be dynamic
    const check = `
import json, sys, onnx, torch
import importlib.util
spec = importlib.util.spec_from_file_location("m", ${JSON.stringify(paths('char-lstm-names').code)})
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
model = m.build_model(); m.load_weights(model, ${JSON.stringify(join(dir, 'lm.safetensors'))}); model.eval()
ts = torch.jit.load(${JSON.stringify(join(dir, 'lm.ts.pt'))})
x = torch.randint(0, m.VOCAB_LIMIT, [3] + m.INPUT_SHAPE, generator=torch.Generator().manual_seed(5))
x7 = x[:, :7]
o = onnx.load(${JSON.stringify(join(dir, 'lm.onnx'))}); onnx.checker.check_model(o)
dims = [d.dim_param or d.dim_value for d in o.graph.input[0].type.tensor_type.shape.dim]
with torch.no_grad():
    y7 = model(x7)
    print(json.dumps({"ts": (ts(x) - model(x)).abs().max().item(), "dims": dims, "out": o.graph.output[0].name,
                      "x7": x7.reshape(-1).tolist(), "y7": y7.reshape(-1).tolist(), "y7shape": list(y7.shape)}))
`;
    const r = spawnSync(PYTHON, ['-c', check], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(got.ts).toBeLessThan(1e-6);
    expect(got.dims).toEqual(['batch', 'sequence']);
    expect(got.out).toBe('y');
    // onnxruntime (WebAssembly build, in Node) runs the file: same probabilities as PyTorch
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    const session = await ort.InferenceSession.create(join(dir, 'lm.onnx'));
    const x = new ort.Tensor(
      'int64',
      BigInt64Array.from(got.x7 as number[], (v) => BigInt(v)),
      [3, 7],
    );
    const y = (await session.run({ x })).y;
    expect(y.dims).toEqual(got.y7shape);
    let worst = 0;
    (got.y7 as number[]).forEach((v, i) => {
      worst = Math.max(worst, Math.abs((y.data as Float32Array)[i] - v));
    });
    console.log(`ONNX (onnxruntime-web) vs PyTorch at T = 7: max |difference| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
  });

  it('trains the exported spam classifier on a raw text,label CSV with the exported vocabulary', () => {
    const r = results['raw-csv'];
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const epoch = jsonLines(r.stdout)[0];
    expect(epoch.step).toBe(1);
    // 20 rows, validationSplit 0.1 -> 2 held out
    expect(epoch.valAccuracy).toBeDefined();
  });

  it('trains the spirals MLP on a raw numeric CSV; a bad cell is named by line and column', () => {
    const r = results['numeric-csv'];
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const epochs = jsonLines(r.stdout);
    expect(epochs.map((l) => l.epoch)).toEqual([1, 2]);
    // 40 rows, validationSplit 0.1 -> 4 held out, accuracy over them
    expect(epochs[1].valAccuracy).toBeDefined();
    const bad = results['numeric-csv-bad'];
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr.trim()).toBe(
      `error: ${join(dir, 'bad-points.csv')} line 2: column 2 ('oops') is not a number`,
    );
  });

  it('refuses --device cuda on a machine without CUDA in one line', () => {
    const r = results['no-cuda'];
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe(
      'error: --device cuda: this PyTorch sees no CUDA GPU (torch.cuda.is_available() is False)',
    );
  });

  it('says in one line what a raw file needs when no vocabulary is found', () => {
    const r = results['raw-csv-no-vocab'];
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('reading raw text needs the vocabulary: pass --tokenizer FOLDER');
  });
});

describe('torchrun: DistributedDataParallel on CPU (gloo)', () => {
  it('two ranks take disjoint shards, stay identical, and match one process with the same global batch', () => {
    const p = paths('mlp-spirals');
    const args = [
      'train',
      '--data',
      p.data,
      '--weights',
      p.start,
      '--epochs',
      '1',
      '--max-steps',
      '4',
      '--log-steps',
      '--json',
    ];
    const ddpOut = join(dir, 'ddp.safetensors');
    const oneOut = join(dir, 'one.safetensors');
    // Debian's torchrun needs --redirects 2 --tee 2 (stderr to per-rank logs, tee'd back) to start
    const ddp = spawnSync(
      PYTHON,
      [
        '-m',
        'torch.distributed.run',
        '--nproc_per_node=2',
        '--redirects',
        '2',
        '--tee',
        '2',
        p.code,
        ...args,
        '--save-weights',
        ddpOut,
      ],
      { encoding: 'utf8', timeout: 300_000, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
    );
    expect(ddp.status, ddp.stderr).toBe(0);
    const one = spawnSync(PYTHON, [p.code, ...args, '--save-weights', oneOut], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(one.status, one.stderr).toBe(0);
    const lines = jsonLines(ddp.stdout);
    const steps = lines.filter((l) => 'rank' in l && 'rows' in l);
    expect(steps).toHaveLength(8);
    for (let s = 1; s <= 4; s++) {
      const [a, b] = [0, 1].map(
        (rank) => steps.find((l) => l.step === s && l.rank === rank)!.rows as number[],
      );
      expect(a).toHaveLength(16);
      expect(b).toHaveLength(16);
      expect(a.filter((i) => b.includes(i))).toEqual([]);
    }
    const digests = lines.filter((l) => 'weightsDigest' in l);
    expect(digests).toHaveLength(2);
    expect(digests[0].weightsDigest).toBe(digests[1].weightsDigest);
    const a = decodeSafetensors(new Uint8Array(readFileSync(ddpOut)));
    const b = decodeSafetensors(new Uint8Array(readFileSync(oneOut)));
    if (!a.ok || !b.ok) throw new Error('unreadable weights');
    let worst = 0;
    let moved = 0;
    const start = decodeSafetensors(new Uint8Array(readFileSync(p.start)));
    for (const [key, t] of Object.entries(b.weights.tensors)) {
      t.data.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(a.weights.tensors[key].data[i] - v) / Math.max(1, Math.abs(v)));
        if (start.ok) moved = Math.max(moved, Math.abs(start.weights.tensors[key].data[i] - v));
      });
    }
    expect(worst).toBeLessThan(1e-5);
    expect(moved).toBeGreaterThan(1e-3);
    // the epoch lines: one (rank 0 only), over the same global rows
    const epochs = lines.filter((l) => 'epoch' in l);
    expect(epochs).toHaveLength(1);
    const single = jsonLines(one.stdout).find((l) => 'epoch' in l)!;
    expect(rel(epochs[0].loss as number, single.loss as number)).toBeLessThan(1e-5);
    console.log(`torchrun 2 ranks vs 1 process: max relative weight difference ${worst.toExponential(2)}`);
  }, 600_000);
});
