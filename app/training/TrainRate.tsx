// The run's throughput while it trains (measured in the worker, see worker/rate.ts): steps/s, examples/s,
// time left; and, while a slow model computes its first update, a counter saying so. Hook:
// data-testid="train-rate" with data-steps-per-sec, data-examples-per-sec, data-seconds-left,
// data-first-step="true" while the first step is being computed.
import { useEffect, useState } from 'react';
import { fmtAmount, fmtDuration, fmtStepRate } from './rateText.ts';
import { useTraining } from './store.ts';

/** Seconds since `since` (ms), ticking once a second while `on`. */
function useElapsed(on: boolean): number {
  const [since, setSince] = useState(0);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t0 = performance.now();
    setSince(t0);
    setNow(t0);
    const id = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(id);
  }, [on]);
  return on ? (now - since) / 1000 : 0;
}

/** The rate line. */
export function TrainRate() {
  const phase = useTraining((s) => s.phase);
  const step = useTraining((s) => s.step);
  const rate = useTraining((s) => s.rate);
  const firstStep = phase === 'running' && step === 0;
  const waited = useElapsed(firstStep);
  if (firstStep) {
    return (
      <div className="train-rate first-step" data-testid="train-rate" data-first-step="true" role="status">
        <span className="spinner" aria-hidden="true" /> computing the first step… {Math.floor(waited)} s
      </div>
    );
  }
  if (phase !== 'running' || !rate) return null;
  return (
    <div
      className="train-rate"
      data-testid="train-rate"
      data-first-step="false"
      data-steps-per-sec={rate.stepsPerSec}
      data-examples-per-sec={rate.examplesPerSec}
      data-seconds-left={rate.secondsLeft ?? undefined}
    >
      <strong>{fmtStepRate(rate.stepsPerSec)}</strong>
      <span> · {fmtAmount(rate.examplesPerSec)} examples/s</span>
      {rate.secondsLeft !== null && <span> · {fmtDuration(rate.secondsLeft)} left</span>}
    </div>
  );
}
