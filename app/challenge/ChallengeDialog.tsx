// The teacher's Challenge dialog: title, controls to hide, nodes and params to lock, a goal, the lesson
// step to open beside the graph; Apply puts it in the graph (one undoable edit), "Copy link" makes a share
// link that carries it, Remove takes it out.
import { useState } from 'react';
import { Challenge, HIDEABLE, type Hideable } from '../../graph-schema/challenge.ts';
import { runAction } from '../actions/registry.ts';
import { showToast, useStudio } from '../store/store.ts';
import { ModalToast } from '../panels/Toast.tsx';
import { shareHash } from '../model/persistence.ts';
import { useCourse } from '../lessons/course/store.ts';
import { useChallengeUi } from './store.ts';

const HIDE_LABELS: Record<Hideable, string> = {
  palette: 'layer palette (no new layers)',
  inspector: 'inspector',
  json: 'JSON tab',
  'training-settings': 'training settings',
};

interface Draft {
  title: string;
  hide: Hideable[];
  lockedNodes: string[];
  lockedParams: Record<string, string>;
  goalOn: boolean;
  metric: 'valAccuracy' | 'accuracy';
  atLeastPct: string;
  maxParams: string;
  withLesson: boolean;
}

function draftOf(c: Challenge | undefined): Draft {
  return {
    title: c?.title ?? 'Challenge',
    hide: c?.hide ?? [],
    lockedNodes: c?.lockedNodes ?? [],
    lockedParams: Object.fromEntries(
      Object.entries(c?.lockedParams ?? {}).map(([k, v]) => [k, v.join(', ')]),
    ),
    goalOn: c?.goal !== undefined,
    metric: c?.goal?.metric ?? 'valAccuracy',
    atLeastPct: String(Math.round(1000 * (c?.goal?.atLeast ?? 0.9)) / 10),
    maxParams: c?.goal?.maxParams === undefined ? '' : String(c.goal.maxParams),
    withLesson: c?.lesson !== undefined,
  };
}

/** The challenge the draft describes, or the first problem with it. */
function challengeOf(d: Draft): { ok: true; challenge: Challenge } | { ok: false; problem: string } {
  const course = useCourse.getState();
  const lockedParams: Record<string, string[]> = {};
  for (const [id, text] of Object.entries(d.lockedParams)) {
    const names = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length > 0) lockedParams[id] = names;
  }
  const doc: Record<string, unknown> = {
    title: d.title,
    hide: d.hide,
    lockedNodes: d.lockedNodes,
    lockedParams,
  };
  if (d.goalOn) {
    const goal: Record<string, unknown> = { metric: d.metric, atLeast: Number(d.atLeastPct) / 100 };
    if (d.maxParams.trim()) goal.maxParams = Number(d.maxParams);
    doc.goal = goal;
  }
  if (d.withLesson && course.lessonId) doc.lesson = { id: course.lessonId, step: course.step + 1 };
  const r = Challenge.safeParse(doc);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, problem: `${i.path.join('.') || 'challenge'}: ${i.message}` };
  }
  return { ok: true, challenge: r.data };
}

/** The dialog (data-testid="challenge-dialog"); nothing while closed. */
export function ChallengeDialog() {
  const open = useChallengeUi((s) => s.dialogOpen);
  if (!open) return null;
  return <DialogBody />;
}

function DialogBody() {
  const graph = useStudio((s) => s.graph);
  const lessonId = useCourse((s) => s.lessonId);
  const lessonStep = useCourse((s) => s.step);
  const [d, setD] = useState<Draft>(() => draftOf(graph.challenge));
  const [problem, setProblem] = useState<string | null>(null);
  const [link, setLink] = useState('');
  const close = () => useChallengeUi.setState({ dialogOpen: false });
  const apply = (): boolean => {
    const r = challengeOf(d);
    if (!r.ok) {
      setProblem(r.problem);
      return false;
    }
    setProblem(null);
    runAction('setChallenge', r.challenge);
    return true;
  };
  const copyLink = () => {
    if (!apply()) return;
    const url = `${location.origin}${location.pathname}${shareHash(useStudio.getState().graph)}`;
    setLink(url);
    void navigator.clipboard?.writeText(url).then(
      () => showToast('Challenge link copied to the clipboard.'),
      () => undefined,
    );
  };
  const remove = () => {
    runAction('setChallenge', null);
    close();
  };
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  return (
    <div className="backdrop">
      <ModalToast />
      <div
        className="dialog challenge-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Challenge"
        data-testid="challenge-dialog"
      >
        <h2>Challenge for students</h2>
        <p className="small muted">
          Carried inside the graph and its share link. Locks are classroom guidance, not security: a student
          can still open another graph.
        </p>
        <label className="field">
          title{' '}
          <input
            data-testid="challenge-title"
            value={d.title}
            onChange={(e) => setD({ ...d, title: e.target.value })}
          />
        </label>
        <fieldset>
          <legend>Hide</legend>
          {HIDEABLE.map((h) => (
            <label key={h} className="check">
              <input
                type="checkbox"
                data-testid={`challenge-hide-${h}`}
                checked={d.hide.includes(h)}
                onChange={() => setD({ ...d, hide: toggle(d.hide, h) })}
              />{' '}
              {HIDE_LABELS[h]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Lock</legend>
          <table className="small lock-table">
            <tbody>
              {graph.nodes.map((n) => (
                <tr key={n.id}>
                  <td>
                    <label className="check">
                      <input
                        type="checkbox"
                        data-testid={`challenge-lock-${n.id}`}
                        checked={d.lockedNodes.includes(n.id)}
                        onChange={() => setD({ ...d, lockedNodes: toggle(d.lockedNodes, n.id) })}
                      />{' '}
                      {n.id} <span className="muted">({n.type})</span>
                    </label>
                  </td>
                  <td>
                    <input
                      placeholder="or only these params: units, activation"
                      data-testid={`challenge-lock-params-${n.id}`}
                      value={d.lockedParams[n.id] ?? ''}
                      disabled={d.lockedNodes.includes(n.id)}
                      onChange={(e) =>
                        setD({ ...d, lockedParams: { ...d.lockedParams, [n.id]: e.target.value } })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>
            <label className="check">
              <input
                type="checkbox"
                data-testid="challenge-goal-on"
                checked={d.goalOn}
                onChange={() => setD({ ...d, goalOn: !d.goalOn })}
              />{' '}
              Goal
            </label>
          </legend>
          <label className="field goal-row">
            <select
              data-testid="challenge-goal-metric"
              value={d.metric}
              disabled={!d.goalOn}
              onChange={(e) => setD({ ...d, metric: e.target.value as Draft['metric'] })}
            >
              <option value="valAccuracy">validation accuracy</option>
              <option value="accuracy">training accuracy</option>
            </select>{' '}
            at least{' '}
            <input
              data-testid="challenge-goal-atleast"
              className="narrow"
              value={d.atLeastPct}
              disabled={!d.goalOn}
              onChange={(e) => setD({ ...d, atLeastPct: e.target.value })}
            />
            %
          </label>
          <label className="field goal-row">
            with at most{' '}
            <input
              data-testid="challenge-goal-maxparams"
              className="narrow"
              placeholder="any"
              value={d.maxParams}
              disabled={!d.goalOn}
              onChange={(e) => setD({ ...d, maxParams: e.target.value })}
            />{' '}
            parameters
          </label>
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            data-testid="challenge-with-lesson"
            disabled={!lessonId}
            checked={d.withLesson && !!lessonId}
            onChange={() => setD({ ...d, withLesson: !d.withLesson })}
          />{' '}
          {lessonId
            ? `open beside lesson step ${lessonStep + 1} (${lessonId})`
            : 'open beside a lesson step (open a lesson first)'}
        </label>
        {problem && (
          <p className="error-text small" data-testid="challenge-problem">
            {problem}
          </p>
        )}
        {link && (
          <input
            className="share-url"
            readOnly
            value={link}
            data-testid="challenge-link"
            onFocus={(e) => e.target.select()}
          />
        )}
        <div className="dialog-actions">
          {graph.challenge && (
            <button type="button" className="tool" data-testid="challenge-remove" onClick={remove}>
              Remove challenge
            </button>
          )}
          <button
            type="button"
            className="tool"
            data-testid="challenge-apply"
            onClick={() => apply() && close()}
          >
            Apply
          </button>
          <button type="button" className="tool primary" data-testid="challenge-copy-link" onClick={copyLink}>
            Apply and copy link
          </button>
          <button type="button" className="tool" data-testid="challenge-close" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
