// The toolbar's challenge line: the challenge title and its goal, live against the current run; when the
// goal is first met it says so once (toast) and stays marked until the graph or the run changes.
import { useEffect, useMemo } from 'react';
import { analysisOf } from '../model/analysis.ts';
import { showToast, useStudio } from '../store/store.ts';
import { useTraining } from '../training/store.ts';
import { checkGoal } from './goal.ts';
import { useChallengeUi } from './store.ts';

/** Challenge title and goal status; nothing when the graph has no challenge. */
export function GoalStatus() {
  const graph = useStudio((s) => s.graph);
  const challenge = graph.challenge;
  const totalParams = useMemo(() => analysisOf(graph).totalParams, [graph]);
  const valAccuracy = useTraining((s) => s.valAccuracy);
  const accuracy = useTraining((s) => s.accuracy);
  const step = useTraining((s) => s.step);
  const phase = useTraining((s) => s.phase);
  const metAt = useChallengeUi((s) => s.metAtStep);
  const result = challenge?.goal ? checkGoal(challenge.goal, { valAccuracy, accuracy, totalParams }) : null;
  // A new graph (or a reset run, step back to 0) starts the goal over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: graph identity is the trigger
  useEffect(() => useChallengeUi.setState({ metAtStep: null }), [graph]);
  useEffect(() => {
    if (step === 0 || phase === 'idle') useChallengeUi.setState({ metAtStep: null });
  }, [step, phase]);
  useEffect(() => {
    if (result?.met && metAt === null && step > 0) {
      useChallengeUi.setState({ metAtStep: step });
      showToast(`Challenge goal reached at step ${step}: ${result.parts.join(', ')}.`);
    }
  }, [result?.met, metAt, step, result?.parts]);
  if (!challenge) return null;
  return (
    <div className="challenge-bar">
      {
        <span
          className={`goal-status${metAt !== null ? ' met' : ''}`}
          data-testid="goal-status"
          data-met={metAt !== null}
          title={result ? result.parts.join('\n') : challenge.title}
        >
          <strong>{challenge.title}</strong>
          {result && (
            <span className="small">
              {metAt !== null ? ` ✓ goal reached at step ${metAt}` : ` · goal: ${result.parts.join(', ')}`}
            </span>
          )}
        </span>
      }
    </div>
  );
}
