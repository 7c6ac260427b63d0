// Which lesson is open and at which step (the player's state), and the command that opens a step.
import { create } from 'zustand';
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

/** Opens step `step` of lesson `id`: stops a run, puts the step's graph on the canvas as one undoable
 *  edit, and opens the views the step names that live outside the canvas. */
export function openLessonStep(id: string, step: number): void {
  const entry = listLessons().find((e) => 'lesson' in e && e.lesson.id === id);
  if (!entry || !('lesson' in entry)) return;
  const { lesson } = entry;
  const index = Math.max(0, Math.min(step, lesson.steps.length - 1));
  const r = stepGraph(lesson, index);
  useCourse.setState({ lessonId: id, step: index, problem: r.ok ? null : r.problem });
  if (!r.ok) return;
  stopTraining();
  replaceGraph(`Lesson "${lesson.title}", step ${index + 1}`, r.graph);
  const views = lesson.steps[index].views;
  if (views.includes('vanishing-lesson')) useLesson.setState({ open: true, tab: 'vanishing' });
  if (views.includes('exploding-lesson')) useLesson.setState({ open: true, tab: 'exploding' });
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
