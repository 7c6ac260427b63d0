// The lesson file format (lessons/*.json): a lesson is data, so a teacher adds one without code. Each step
// is a caption in our own words, the graph to open (an example's file id, or a graph written inline), the
// settings to preset on it, the views to open and what to do or look at. One zod definition gives the
// types and the validator; resolveLessonStep turns a step into a checked graph.
import { z } from 'zod';
import { formatPath } from './issues.ts';
import { type Graph, TrainingConfig } from './schema.ts';
import { validateGraph } from './validate.ts';

export const LESSON_FORMAT_ID = 'backprop-studio.lesson';
export const LESSON_VERSION = 1;

const lessonId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be 1 to 64 characters: a-z, 0-9 and -' });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Views a step may open; the app opens those it has and names the others. */
export const LessonViewName = z.enum([
  'vanishing-lesson',
  'exploding-lesson',
  'param-formula',
  'unrolled',
  'gates',
  'lm-table',
  'embedding',
  'values',
  'layer-grads',
  'runs',
]);

/** One step of a lesson. */
export const LessonStep = z.strictObject({
  title: text(120),
  /** our own words; blank lines separate paragraphs, **bold** marks a key phrase */
  caption: text(3000),
  /** an example's file id (examples/<id>.json) or a whole graph document */
  graph: z.union([lessonId, z.record(z.string(), z.unknown())]).optional(),
  /** replaces these keys of the graph's training section (a partial TrainingConfig) */
  training: z.record(z.string(), z.unknown()).optional(),
  /** node id -> params to set on that node */
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  views: z.array(LessonViewName).max(8).default([]),
  /** what to do now: "Press Train and watch the t=1 gradient" */
  instruction: text(400).optional(),
  /** a question to think about before the next step */
  question: text(400).optional(),
});

export const Lesson = z.strictObject({
  format: z.literal(LESSON_FORMAT_ID),
  version: z.literal(LESSON_VERSION),
  id: lessonId,
  title: text(120),
  summary: text(600),
  /** position in the lessons menu (smaller first) */
  order: z.number().int().min(0).max(1000),
  steps: z.array(LessonStep).min(1).max(30),
});

export type Lesson = z.infer<typeof Lesson>;
export type LessonStep = z.infer<typeof LessonStep>;
export type LessonViewName = z.infer<typeof LessonViewName>;

/** A lesson file's problems, each with where it is ("steps[2].caption: ..."). */
export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; problems: string[] };

/** Validates a parsed lesson document; never throws. */
export function validateLesson(doc: unknown): LessonResult {
  const r = Lesson.safeParse(doc);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.map((i) => `${formatPath(i.path) || 'lesson'}: ${i.message}`),
    };
  }
  return { ok: true, lesson: r.data };
}

/** The graph a step opens, with its presets applied and the whole checked like an imported file.
 *  `examples` maps example file ids to their graphs; `previous` is the graph the lesson had open before
 *  (a step without its own graph keeps it). */
export function resolveLessonStep(
  step: LessonStep,
  examples: Readonly<Record<string, Graph>>,
  previous: Graph | null,
): { ok: true; graph: Graph } | { ok: false; problem: string } {
  let base: unknown;
  if (typeof step.graph === 'string') {
    const ex = examples[step.graph];
    if (!ex)
      return { ok: false, problem: `the step opens the example "${step.graph}", which does not exist` };
    base = ex;
  } else if (step.graph) {
    base = step.graph;
  } else if (previous) {
    base = previous;
  } else {
    return { ok: false, problem: 'the first step must name a graph (an example id or an inline graph)' };
  }
  const doc = structuredClone(base) as Record<string, unknown> & { nodes?: unknown; training?: unknown };
  for (const [nodeId, params] of Object.entries(step.params ?? {})) {
    const nodes = Array.isArray(doc.nodes) ? (doc.nodes as { id?: unknown; params?: unknown }[]) : [];
    const node = nodes.find((n) => n.id === nodeId);
    if (!node)
      return { ok: false, problem: `the step sets params on node "${nodeId}", which the graph lacks` };
    node.params = { ...(node.params as object), ...params };
  }
  if (step.training) {
    const training = (doc.training ?? {}) as Record<string, unknown>;
    const merged = { ...training, ...step.training };
    const t = TrainingConfig.safeParse(merged);
    if (!t.success) return { ok: false, problem: `training: ${t.error.issues[0]?.message ?? 'invalid'}` };
    doc.training = merged;
  }
  const r = validateGraph(doc);
  if (!r.ok) {
    const i = r.issues[0];
    return {
      ok: false,
      problem: `the step's graph is invalid: ${i?.path ? `${i.path}: ` : ''}${i?.message}`,
    };
  }
  return { ok: true, graph: r.graph };
}
