// Lesson files and the graphs their steps open, read from disk, and a headless run of a step's graph.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Lesson, resolveLessonStep, validateLesson } from '../../graph-schema/lesson.ts';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { loadDataset } from '../../engine/data/index.ts';
import { compileModel } from '../../engine/model.ts';
import { createTrainer, type Trainer } from '../../engine/train/trainer.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every lessons/*.json as [file name, parsed JSON]. */
export function lessonDocs(): [string, unknown][] {
  const dir = join(ROOT, 'lessons');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]);
}

/** Every example graph by file id. */
export function exampleGraphs(): Record<string, Graph> {
  const dir = join(ROOT, 'examples');
  const out: Record<string, Graph> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const r = validateGraph(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!r.ok) throw new Error(`examples/${f} is invalid`);
    out[f.replace(/\.json$/, '')] = r.graph;
  }
  return out;
}

/** The lesson with this id; throws when it is missing or invalid. */
export function lesson(id: string): Lesson {
  for (const [, doc] of lessonDocs()) {
    const r = validateLesson(doc);
    if (r.ok && r.lesson.id === id) return r.lesson;
  }
  throw new Error(`no valid lesson "${id}"`);
}

/** The graph step `index` (0-based) opens, steps building on the previous ones as in the app. */
export function stepGraph(l: Lesson, index: number, examples = exampleGraphs()): Graph {
  let previous: Graph | null = null;
  for (let i = 0; i <= index; i++) {
    const r = resolveLessonStep(l.steps[i], examples, previous);
    if (!r.ok) throw new Error(`${l.id} step ${i + 1}: ${r.problem}`);
    previous = r.graph;
  }
  return previous!;
}

/** The graph with another seed (weights, split, shuffles and the dataset all follow it, as in the app). */
export function withSeed(g: Graph, seed: number): Graph {
  const c = structuredClone(g);
  if (c.training) c.training.seed = seed;
  return c;
}

/** A trainer for the graph on its own dataset, seeded as the app seeds it. */
export async function trainerFor(
  g: Graph,
  instrumentEvery: number | 'call' = Number.POSITIVE_INFINITY,
): Promise<Trainer> {
  const t = g.training!;
  const model = compileModel(g, { seed: t.seed });
  const options = { seed: t.seed, ...t.dataset.options };
  const ds = await loadDataset({ id: t.dataset.id, options }, inputSpecOf(model));
  return createTrainer(g, ds, { model, instrumentEvery });
}
