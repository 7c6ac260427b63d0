// Plugs challenges into the designer: the lock check before every edit, the lock badge on cards, the
// goal line and the teacher's dialog in the toolbar, hidden controls, and the lesson step a link opens.
import './challenge.css';
import { createPortal } from 'react-dom';
import { showLessonStep } from '../lessons/course/store.ts';
import { registerNodeAddon } from '../slots/nodeAddons.ts';
import { registerToolbarItem } from '../slots/toolbar.ts';
import { addEditGuard, showToast, useStudio } from '../store/store.ts';
import { ChallengeDialog } from './ChallengeDialog.tsx';
import { GoalStatus } from './GoalStatus.tsx';
import { LockBadge } from './LockBadge.tsx';
import { lockViolation } from './locks.ts';

function ChallengeToolbarItem() {
  return (
    <>
      <GoalStatus />
      {createPortal(<ChallengeDialog />, document.body)}
    </>
  );
}
// The dialog opens from the Lessons menu ("Challenge for this graph…"), a teacher's tool beside the lessons.

/** Marks the hidden controls on the root element and opens the challenge's lesson step beside it. */
function follow(graph: ReturnType<typeof useStudio.getState>['graph'], previous: typeof graph | null): void {
  const c = graph.challenge;
  document.documentElement.dataset.hide = (c?.hide ?? []).join(' ');
  const before = previous?.challenge?.lesson;
  if (c?.lesson && (before?.id !== c.lesson.id || before?.step !== c.lesson.step)) {
    showLessonStep(c.lesson.id, c.lesson.step - 1);
  }
  if (c?.hide.includes('json') && useStudio.getState().activeTab === 'json')
    useStudio.setState({ activeTab: 'summary' });
}

/** Registers everything; call once at start-up, after the session is restored. */
export function registerChallenge(): void {
  addEditGuard((label, next, current) => {
    const why = lockViolation(label, next, current);
    if (why) showToast(`Not applied: ${why}.`, 'error');
    return why === null;
  });
  registerNodeAddon({ id: 'challenge-lock', Component: LockBadge });
  registerToolbarItem({ id: 'challenge', order: 2, Component: ChallengeToolbarItem });
  follow(useStudio.getState().graph, null);
  useStudio.subscribe((s, prev) => {
    if (s.graph !== prev.graph) follow(s.graph, prev.graph);
  });
}
