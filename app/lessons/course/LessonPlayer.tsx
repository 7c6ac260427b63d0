// The open lesson: its step's caption, what to do, the views it uses, and previous/next. Presentation
// clickers send PageUp/PageDown, so those keys turn the page too (actions lessonNext/lessonPrev).
import { runAction, tooltipOf } from '../../actions/registry.ts';
import type { LessonViewName } from '../../../graph-schema/lesson.ts';
import { useLesson } from '../lessonStore.ts';
import { Caption } from './Caption.tsx';
import { listLessons } from './files.ts';
import { FormulaPanel } from './FormulaPanel.tsx';
import { UnrolledRnn } from './UnrolledRnn.tsx';
import { useCourse } from './store.ts';

/** Where each view named by a step lives, for the line under the caption. */
const VIEW_HINTS: Record<LessonViewName, string> = {
  'vanishing-lesson': 'the gradient lab (Lessons ▾ → Gradient lab, or the button below)',
  'exploding-lesson': 'the gradient lab, exploding tab (Lessons ▾ → Gradient lab, or the button below)',
  'param-formula': 'the parameter count below',
  unrolled: 'the unrolled recurrence below',
  gates: 'the gate view: its button on the recurrent node',
  'lm-table': 'the next-token table: its button on the output node',
  embedding: 'the embedding map: its button on the Embedding node',
  values: 'the values view: its button on the output node',
  'layer-grads': 'the per-layer gradient chart: its button on the output node (or the edge labels)',
  runs: 'the runs list in the Training tab',
};

/** The lesson player (data-testid="lesson-player"); nothing when no lesson is open. */
export function LessonPlayer() {
  const { lessonId, step, problem } = useCourse();
  const entry = listLessons().find((e) => 'lesson' in e && e.lesson.id === lessonId);
  const lesson = entry && 'lesson' in entry ? entry.lesson : null;
  if (!lesson) return null;
  const s = lesson.steps[step];
  const last = lesson.steps.length - 1;
  return (
    <aside
      className="lesson-player"
      data-testid="lesson-player"
      data-lesson={lesson.id}
      data-step={step + 1}
      aria-label={`Lesson: ${lesson.title}`}
    >
      <header className="lesson-player-head">
        <span className="small muted">
          {lesson.title} · step {step + 1} of {lesson.steps.length}
        </span>
        <button
          type="button"
          className="tool"
          title="Close the lesson"
          data-testid="lesson-exit"
          onClick={() => runAction('lessonExit')}
        >
          ✕
        </button>
      </header>
      <div className="lesson-player-body">
        <h3 data-testid="lesson-step-title">{s.title}</h3>
        {problem && <p className="error-text small">This step's graph could not be opened: {problem}</p>}
        <Caption text={s.caption} />
        {s.views.includes('param-formula') && <FormulaPanel />}
        {s.views.includes('unrolled') && <UnrolledRnn />}
        {s.instruction && (
          <p className="lesson-instruction" data-testid="lesson-instruction">
            ▶ {s.instruction}
          </p>
        )}
        {s.question && <p className="lesson-question">? {s.question}</p>}
        {s.views.some((v) => v !== 'param-formula' && v !== 'unrolled') && (
          <p className="small muted">
            Look at:{' '}
            {s.views
              .filter((v) => v !== 'param-formula' && v !== 'unrolled')
              .map((v) => VIEW_HINTS[v])
              .join('; ')}
            .
          </p>
        )}
        {(s.views.includes('vanishing-lesson') || s.views.includes('exploding-lesson')) && (
          <button
            type="button"
            className="tool"
            data-testid="lesson-open-lab"
            onClick={() =>
              useLesson.setState({
                open: true,
                tab: s.views.includes('exploding-lesson') ? 'exploding' : 'vanishing',
              })
            }
          >
            Open the gradient lab
          </button>
        )}
      </div>
      <footer className="lesson-player-nav">
        <button
          type="button"
          className="tool"
          data-testid="lesson-prev"
          disabled={step === 0}
          title={tooltipOf('lessonPrev')}
          onClick={() => runAction('lessonPrev')}
        >
          ◀ Previous
        </button>
        <button
          type="button"
          className="tool"
          data-testid="lesson-reopen"
          title={tooltipOf('lessonRestart')}
          onClick={() => runAction('lessonRestart')}
        >
          Restart step
        </button>
        <button
          type="button"
          className="tool primary"
          data-testid="lesson-next"
          disabled={step === last}
          title={tooltipOf('lessonNext')}
          onClick={() => runAction('lessonNext')}
        >
          Next ▶
        </button>
      </footer>
    </aside>
  );
}
