// Whether a challenge's goal is met: the metric of the current graph's run at or over the target, with the
// graph's parameter count at or under the cap. Pure, so tests check "not before" and "when met" exactly.
import type { ChallengeGoal } from '../../graph-schema/challenge.ts';

/** The numbers the check reads; undefined when the run has not reported the metric yet. */
export interface GoalReading {
  valAccuracy?: number;
  accuracy?: number;
  totalParams: number;
}

/** met: every condition holds; `parts` says each condition and where it stands, for the banner. */
export function checkGoal(goal: ChallengeGoal, r: GoalReading): { met: boolean; parts: string[] } {
  const value = r[goal.metric];
  const name = goal.metric === 'valAccuracy' ? 'validation accuracy' : 'training accuracy';
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const metricOk = value !== undefined && Number.isFinite(value) && value >= goal.atLeast;
  const parts = [`${name} ≥ ${pct(goal.atLeast)} (now ${value === undefined ? '–' : pct(value)})`];
  let paramsOk = true;
  if (goal.maxParams !== undefined) {
    paramsOk = r.totalParams <= goal.maxParams;
    parts.push(
      `at most ${goal.maxParams.toLocaleString('en-US')} parameters (now ${r.totalParams.toLocaleString('en-US')})`,
    );
  }
  return { met: metricOk && paramsOk, parts };
}
