// Lesson commands: open a lesson from the Lessons menu, turn its pages (PageDown/PageUp, which
// presentation clickers send), close the player, and the teacher's challenge dialog.
import { useChallengeUi } from '../../challenge/store.ts';
import { listLessons } from '../../lessons/course/files.ts';
import { closeCourse, openLessonStep, useCourse } from '../../lessons/course/store.ts';
import { actionGroup, effectOnly } from '../types.ts';

/** The open lesson's step count, or 0 when no lesson is open. */
function openSteps(): number {
  const id = useCourse.getState().lessonId;
  const entry = id ? listLessons().find((e) => 'lesson' in e && e.lesson.id === id) : undefined;
  return entry && 'lesson' in entry ? entry.lesson.steps.length : 0;
}

/** Opens step `by` away from the current one of the open lesson. */
function turn(by: number): void {
  const { lessonId, step } = useCourse.getState();
  if (lessonId) openLessonStep(lessonId, step + by);
}

export const LESSON_ACTIONS = actionGroup('lessons', {
  openLesson: {
    label: 'Open lesson',
    hint: 'Open a lesson at its first step (Lessons menu)',
    keys: [],
    perform: (_s, id: string) => effectOnly(`Open lesson ${id}`, () => openLessonStep(id, 0)),
  },
  lessonNext: {
    label: 'Next step',
    hint: "Next step of the open lesson (a presentation clicker's forward key)",
    keys: [{ key: 'PageDown' }],
    enabled: () => useCourse.getState().step < openSteps() - 1,
    perform: () => effectOnly('Next step', () => turn(1)),
  },
  lessonPrev: {
    label: 'Previous step',
    hint: "Previous step of the open lesson (a presentation clicker's back key)",
    keys: [{ key: 'PageUp' }],
    enabled: () => openSteps() > 0 && useCourse.getState().step > 0,
    perform: () => effectOnly('Previous step', () => turn(-1)),
  },
  lessonRestart: {
    label: 'Restart step',
    hint: "Put this step's graph and settings back on the canvas",
    keys: [],
    enabled: () => openSteps() > 0,
    perform: () => effectOnly('Restart step', () => turn(0)),
  },
  lessonExit: {
    label: 'Close lesson',
    hint: 'Close the lesson player (the graph on the canvas stays)',
    keys: [],
    perform: () => effectOnly('Close lesson', closeCourse),
  },
  challengeEdit: {
    label: 'Challenge…',
    hint: 'Teacher: hide controls, lock nodes or params, set a goal, copy a link',
    keys: [],
    perform: () => effectOnly('Challenge', () => useChallengeUi.setState({ dialogOpen: true })),
  },
});
