// Every lesson file validates, every step opens a valid graph, and every step's graph trains.
import { describe, expect, it } from 'vitest';
import { validateLesson } from '../../graph-schema/lesson.ts';
import { analyzeGraph } from '../../engine/shapes/analyze.ts';
import { exampleGraphs, lessonDocs, stepGraph, trainerFor } from './helpers.ts';

const docs = lessonDocs();
const examples = exampleGraphs();

describe('lesson files', () => {
  it('there are lessons, with unique ids and unique menu positions', () => {
    const lessons = docs.map(([, d]) => validateLesson(d)).filter((r) => r.ok);
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    const ids = lessons.map((r) => (r.ok ? r.lesson.id : ''));
    expect(new Set(ids).size).toBe(ids.length);
    const orders = lessons.map((r) => (r.ok ? r.lesson.order : -1));
    expect(new Set(orders).size).toBe(orders.length);
  });

  for (const [file, doc] of docs) {
    it(`${file} validates and is named after its id`, () => {
      const r = validateLesson(doc);
      expect(r.ok ? [] : r.problems).toEqual([]);
      if (r.ok) expect(file).toBe(`${r.lesson.id}.json`);
    });
  }

  for (const [file, doc] of docs) {
    const r = validateLesson(doc);
    if (!r.ok) continue;
    const l = r.lesson;
    l.steps.forEach((_, i) => {
      it(`${file} step ${i + 1} opens a graph that compiles and trains`, async () => {
        const g = stepGraph(l, i, examples);
        const a = analyzeGraph(g);
        expect(a.diagnostics).toEqual([]);
        // The lecture-size model (1.1M parameters) is about its summary, checked here; its training
        // claim is in claims.test.ts.
        if (a.totalParams > 1_000_000) {
          expect(a.totalParams).toBe(1_136_641);
          return;
        }
        const t = await trainerFor(g);
        const s = t.step(2);
        expect(s.step).toBe(2);
        expect(Number.isFinite(s.loss)).toBe(true);
      });
    });
  }
});

describe('lesson file validation', () => {
  const good = docs.map(([, d]) => d).find((d) => validateLesson(d).ok) as Record<string, unknown>;

  it('names what is wrong and where', () => {
    const bad = structuredClone(good) as { steps: Record<string, unknown>[] };
    bad.steps[0].caption = '';
    bad.steps[0].views = ['no-such-view'];
    const r = validateLesson(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.some((p) => p.startsWith('steps[0].caption'))).toBe(true);
      expect(r.problems.some((p) => p.startsWith('steps[0].views[0]'))).toBe(true);
    }
  });

  it('refuses unknown keys (a typo in a key is not silently ignored)', () => {
    const r = validateLesson({ ...good, titel: 'x' });
    expect(r.ok).toBe(false);
  });

  it('a step that names a missing example or node says which', async () => {
    const { resolveLessonStep } = await import('../../graph-schema/lesson.ts');
    const base = { title: 't', caption: 'c', views: [] };
    const missing = resolveLessonStep({ ...base, graph: 'no-such-example' }, examples, null);
    expect(missing).toEqual({
      ok: false,
      problem: 'the step opens the example "no-such-example", which does not exist',
    });
    const node = resolveLessonStep(
      { ...base, graph: 'mlp-spirals', params: { ghost: { units: 3 } } },
      examples,
      null,
    );
    expect(node).toEqual({
      ok: false,
      problem: 'the step sets params on node "ghost", which the graph lacks',
    });
    const bad = resolveLessonStep(
      { ...base, graph: 'mlp-spirals', params: { hidden: { units: 0 } } },
      examples,
      null,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatch(/units/);
  });
});
