// The lessons menu's content: every lessons/*.json bundled at build time, each validated like an imported
// graph; a file that fails is listed with its problems instead of breaking the menu.
import type { Graph } from '../../../graph-schema/schema.ts';
import { type Lesson, resolveLessonStep, validateLesson } from '../../../graph-schema/lesson.ts';
import { listExamples } from '../../model/examples.ts';

const files = import.meta.glob('../../../lessons/*.json', { eager: true, import: 'default' }) as Record<
  string,
  unknown
>;

/** A lesson file, valid or with its problems. */
export type LessonEntry = { file: string; lesson: Lesson } | { file: string; problems: string[] };

let cache: LessonEntry[] | null = null;

/** All lesson files, valid ones in menu order first. */
export function listLessons(): LessonEntry[] {
  if (cache) return cache;
  const entries: LessonEntry[] = Object.entries(files).map(([path, doc]) => {
    const file = path.split('/').pop() ?? path;
    const r = validateLesson(doc);
    return r.ok ? { file, lesson: r.lesson } : { file, problems: r.problems };
  });
  const order = (e: LessonEntry) => ('lesson' in e ? e.lesson.order : Number.POSITIVE_INFINITY);
  cache = entries.sort((a, b) => order(a) - order(b));
  return cache;
}

let exampleGraphs: Record<string, Graph> | null = null;

/** The graph step `index` of `lesson` opens: steps without their own graph build on the one before. */
export function stepGraph(
  lesson: Lesson,
  index: number,
): { ok: true; graph: Graph } | { ok: false; problem: string } {
  exampleGraphs ??= Object.fromEntries(listExamples().map((e) => [e.id, e.graph]));
  let previous: Graph | null = null;
  for (let i = 0; i <= index; i++) {
    const r = resolveLessonStep(lesson.steps[i], exampleGraphs, previous);
    if (!r.ok) return { ok: false, problem: `step ${i + 1}: ${r.problem}` };
    previous = r.graph;
  }
  return { ok: true, graph: previous! };
}
