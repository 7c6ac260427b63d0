// The toolbar's Lessons menu: one item per lesson file, in course order (picking one opens its first
// step), then the gradient lab and the teacher's challenge editor.
// Keyboard as the other toolbar menus (panels/useMenu.ts): arrows move, Escape closes.
import { useMenu } from '../../panels/useMenu.ts';
import { listLessons } from './files.ts';
import { runAction, tooltipOf } from '../../actions/registry.ts';

/** The menu button and its list. */
export function LessonsMenu() {
  const { open, setOpen, root, onKeyDown } = useMenu();
  const entries = listLessons();
  return (
    <div className="lessons-menu" ref={root}>
      <button
        type="button"
        className="tool"
        data-testid="lessons-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Lessons that walk through the lecture, step by step"
        onClick={() => setOpen((o) => !o)}
      >
        Lessons ▾
      </button>
      {open && (
        <div className="lessons-list" role="menu" onKeyDown={onKeyDown}>
          {entries.map((e, i) =>
            'lesson' in e ? (
              <button
                key={e.file}
                type="button"
                role="menuitem"
                className="lessons-item"
                data-testid={`lesson-${e.lesson.id}`}
                onClick={() => {
                  setOpen(false);
                  runAction('openLesson', e.lesson.id);
                }}
              >
                <strong>
                  {i + 1}. {e.lesson.title}
                </strong>
                <span className="small muted">{e.lesson.summary}</span>
              </button>
            ) : (
              <div key={e.file} className="lessons-item invalid small">
                <strong>{e.file} cannot be opened</strong>
                <span className="error-text">{e.problems.slice(0, 3).join('; ')}</span>
              </div>
            ),
          )}
          <button
            type="button"
            role="menuitem"
            className="lessons-item lab"
            data-testid="open-lesson"
            title={tooltipOf('gradientLab')}
            onClick={() => {
              setOpen(false);
              runAction('gradientLab');
            }}
          >
            <strong>Gradient lab</strong>
            <span className="small muted">
              A vanilla RNN and an LSTM trained side by side, and the exploding-gradient preset.
            </span>
          </button>
          <button
            type="button"
            role="menuitem"
            className="lessons-item teacher"
            data-testid="challenge-edit"
            title={tooltipOf('challengeEdit')}
            onClick={() => {
              setOpen(false);
              runAction('challengeEdit');
            }}
          >
            <strong>Teacher: challenge for this graph…</strong>
            <span className="small muted">Hide controls, lock nodes or params, set a goal, copy a link.</span>
          </button>
        </div>
      )}
    </div>
  );
}
