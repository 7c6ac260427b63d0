// Which lesson is open and at which step (the player's state), and the command that opens a step.
import { create } from 'zustand';
import { fitView } from '../../canvas/bridge.ts';
import { tidyIfCramped } from '../../model/layout.ts';
import { replaceGraph } from '../../store/store.ts';
import { stopTraining } from '../../training/controller.ts';
import { useLesson } from '../lessonStore.ts';
import { listLessons, stepGraph } from './files.ts';

export interface CourseState {
  /** the open lesson's id, or null when the player is closed */
  lessonId: string | null;
  step: number;
  /** why the step's graph could not be opened (shown in the player), or null */
  problem: string | null;
}

export const useCourse = create<CourseState>(() => ({
  lessonId: null,
  step: 0,
  problem: null,
}));

/** Opens step `step` of lesson `id`: stops a run and puts the step's graph on the canvas, fitted, as one
 *  undoable edit. */
export function openLessonStep(id: string, step: number): void {
  const entry = listLessons().find((e) => 'lesson' in e && e.lesson.id === id);
  if (!entry || !('lesson' in entry)) return;
  const { lesson } = entry;
  const index = Math.max(0, Math.min(step, lesson.steps.length - 1));
  const r = stepGraph(lesson, index);
  useCourse.setState({ lessonId: id, step: index, problem: r.ok ? null : r.problem });
  if (!r.ok) return;
  stopTraining();
  // The gradient lab overlay would cover the player's navigation: a step closes it, and the player
  // offers a button for the steps that use it.
  useLesson.setState({ open: false });
  // Cards that overlap are laid out as an example's are; the fit waits for the lesson panel to take
  // its width, so nothing ends up behind it or past the canvas's edge.
  replaceGraph(`Lesson "${lesson.title}", step ${index + 1}`, tidyIfCramped(r.graph), { baseline: true });
  requestAnimationFrame(() => requestAnimationFrame(fitView));
  setTimeout(fitView, 250);
}

/** Closes the player; the graph on the canvas stays. */
export function closeCourse(): void {
  useCourse.setState({ lessonId: null, step: 0, problem: null });
}

/** Shows step `step` of lesson `id` in the player without touching the graph (a challenge link brings
 *  its own graph and names the step it belongs to). Unknown ids are ignored. */
export function showLessonStep(id: string, step: number): void {
  const entry = listLessons().find((e) => 'lesson' in e && e.lesson.id === id);
  if (!entry || !('lesson' in entry)) return;
  const index = Math.max(0, Math.min(step, entry.lesson.steps.length - 1));
  useCourse.setState({ lessonId: id, step: index, problem: null });
}
