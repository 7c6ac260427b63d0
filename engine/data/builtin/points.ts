// 2D classification datasets (the playground's classics). Points live in about [-1, 1]^2; `noise`
// is the standard deviation of Gaussian noise added to each coordinate, in those units.
import { Rng } from '../../random.ts';
import { classesFromOutput, classTargets, classTask, requireVectorInput } from '../fit.ts';
import { isSet, type OptionSpec, type RawOptions, readOptions, SEED_OPTION } from '../options.ts';
import type { Dataset, InputSpec } from '../types.ts';
import { permutation, permuteRows } from './shuffle.ts';
import type { BuiltinDataset } from './types.ts';

type PointFn = (
  cls: number,
  classes: number,
  rng: Rng,
  o: Record<string, number | boolean>,
) => [number, number];

const nOption: OptionSpec = { name: 'n', label: 'points', kind: 'int', default: 400, min: 4, max: 20000 };
const noiseOption = (d: number): OptionSpec => ({
  name: 'noise',
  label: 'noise',
  kind: 'number',
  default: d,
  min: 0,
  max: 1,
  help: 'std of Gaussian noise per coordinate',
});
const classesOption = (d: number, max: number): OptionSpec => ({
  name: 'classes',
  label: 'classes',
  kind: 'int',
  default: d,
  min: 2,
  max,
  help: "when not set, the model's output decides: [K] gives K classes, [1] gives 2",
});

const TURNS_OPTION: OptionSpec = {
  name: 'turns',
  label: 'turns',
  kind: 'number',
  default: 0.65,
  min: 0.25,
  max: 3,
  help: 'how far each arm winds: more turns is harder (more hidden units or layers)',
};

/** Spiral arms: class k starts at angle 2*pi*k/C; radius grows 0.1 -> 1 over `turns` turns. */
const spiral: PointFn = (k, classes, rng, o) => {
  const t = rng.next();
  const r = 0.1 + 0.9 * t;
  const a = (2 * Math.PI * k) / classes + 2 * Math.PI * (o.turns as number) * t;
  return [r * Math.cos(a), r * Math.sin(a)];
};

/** Concentric rings: class k has radius uniform in [(k + 0.15)/C, (k + 0.85)/C] (gaps between rings). */
const ring: PointFn = (k, classes, rng) => {
  const r = (k + 0.15 + 0.7 * rng.next()) / classes;
  const a = 2 * Math.PI * rng.next();
  return [r * Math.cos(a), r * Math.sin(a)];
};

/** XOR quadrants: class 1 where x and y have opposite signs; points kept 0.05 away from the axes. */
const xor: PointFn = (k, _c, rng) => {
  const sx = rng.next() < 0.5 ? -1 : 1;
  const sy = k === 0 ? sx : -sx;
  return [sx * (0.05 + 0.95 * rng.next()), sy * (0.05 + 0.95 * rng.next())];
};

/** Blobs: class k is a Gaussian (std = noise) around a centre on the circle of radius 0.7. */
const blob: PointFn = (k, classes) => {
  const a = (2 * Math.PI * k) / classes;
  return [0.7 * Math.cos(a), 0.7 * Math.sin(a)];
};

function generate(
  id: string,
  fn: PointFn,
  specs: OptionSpec[],
  raw: RawOptions | undefined,
  spec: InputSpec,
  description: string,
): Dataset {
  requireVectorInput(id, spec, 2);
  const o = readOptions(id, specs, raw);
  const hasClasses = specs.some((s) => s.name === 'classes');
  let classes = hasClasses ? (o.classes as number) : 2;
  const fromOut = classesFromOutput(spec);
  const classSpec = specs.find((s) => s.name === 'classes');
  if (
    classSpec &&
    !isSet(raw, 'classes') &&
    fromOut !== undefined &&
    fromOut >= 2 &&
    fromOut <= classSpec.max!
  )
    classes = fromOut;
  const task = classTask(id, classes, spec);
  const n = o.n as number;
  const noise = o.noise as number;
  const rng = new Rng(o.seed as number);
  const x = new Float32Array(n * 2);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes; // balanced classes
    const [px, py] = fn(k, classes, rng, o);
    x[2 * i] = px + noise * rng.normal();
    x[2 * i + 1] = py + noise * rng.normal();
    labels[i] = k;
  }
  const perm = permutation(n, rng);
  return {
    id,
    description: description.replace('{C}', String(classes)),
    task,
    x: { shape: [n, 2], data: permuteRows(x, 2, perm) },
    y: classTargets(permuteRows(labels, 1, perm), task),
    numClasses: classes,
    classNames: Array.from({ length: classes }, (_, k) => `class ${k}`),
  };
}

const input2 = { shape: [2], dtype: 'float32' as const };
const suits2 = 'Input [2] float32; output Dense(C) + Softmax, or Dense(1) sigmoid for 2 classes';

function pointDataset(
  id: string,
  title: string,
  description: string,
  fn: PointFn,
  specs: OptionSpec[],
): BuiltinDataset {
  return {
    id,
    title,
    description: description.replace('{C}', 'C'),
    task: 'classification',
    options: specs,
    input: input2,
    suits: suits2,
    load: (raw, spec) => generate(id, fn, specs, raw, spec, description),
  };
}

/** The four 2D datasets. */
export const POINT_DATASETS: BuiltinDataset[] = [
  pointDataset(
    'builtin:spirals',
    'Spirals',
    '2D points on {C} interleaved spiral arms; predict the arm.',
    spiral,
    [nOption, noiseOption(0.05), classesOption(2, 8), TURNS_OPTION, SEED_OPTION],
  ),
  pointDataset('builtin:circles', 'Circles', '2D points on {C} concentric rings; predict the ring.', ring, [
    nOption,
    noiseOption(0.05),
    classesOption(2, 5),
    SEED_OPTION,
  ]),
  pointDataset(
    'builtin:xor',
    'XOR',
    '2D points in the four quadrants; class 1 where x and y have opposite signs.',
    xor,
    [nOption, noiseOption(0.05), SEED_OPTION],
  ),
  pointDataset(
    'builtin:blobs',
    'Blobs',
    '2D points in {C} Gaussian clusters around a circle; predict the cluster.',
    blob,
    [nOption, noiseOption(0.2), classesOption(3, 8), SEED_OPTION],
  ),
];
