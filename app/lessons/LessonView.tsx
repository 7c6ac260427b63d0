// The lesson view: the vanishing-gradient comparison (RNN and LSTM trained side by side on builtin:recall,
// their per-time-step gradient curves and accuracy curves together) and the exploding-gradient preset with
// clipping. Numbers are on data attributes (data-grad-t1, data-accuracy, ...) for tests and for the report.
import { useMemo } from 'react';
import { fmtNorm } from '../training/palette.ts';
import { TimestepStrip } from '../training/TimestepView.tsx';
import { VanishingCaptions } from './captions.tsx';
import { ExplodingLesson } from './ExplodingLesson.tsx';
import { type LessonModel, useLesson } from './lessonStore.ts';
import { type Line, LineChart } from './LineChart.tsx';
import { runAction } from '../actions/registry.ts';
import { exampleDefaults, exampleForgetBias } from './presets.ts';

const COLORS: Record<LessonModel, string> = { rnn: '#e69f00', lstm: '#56b4e9' };
const TITLES: Record<LessonModel, string> = { rnn: 'vanilla RNN', lstm: 'LSTM' };

/** ‖∂L/∂h_1‖, ‖∂L/∂h_T‖ and their ratio, from one report. */
function GradLine({ norms }: { norms: Float32Array }) {
  const n = norms.length;
  return (
    <>
      ‖∂L/∂h<sub>1</sub>‖ = <strong>{fmtNorm(norms[0])}</strong>, ‖∂L/∂h<sub>{n}</sub>‖ ={' '}
      {fmtNorm(norms[n - 1])} (ratio {fmtNorm(norms[0] / norms[n - 1])})
    </>
  );
}

// Below this mini-batch loss a model has learned the task, so little loss is left to send back: its
// latest gradients are small everywhere and say nothing about vanishing.
const LEARNED_LOSS = 0.05;

function RunCard({ kind }: { kind: LessonModel }) {
  const r = useLesson((s) => s.runs[kind]);
  const n = r.norms?.length ?? 0;
  return (
    <div
      className="lesson-run"
      data-testid={`lesson-curve-${kind}`}
      data-status={r.status}
      data-step={r.step}
      data-grad-t1={r.norms ? r.norms[0] : undefined}
      data-grad-t1-start={r.firstNorms ? r.firstNorms[0] : undefined}
      data-grad-tlast={r.norms ? r.norms[n - 1] : undefined}
      data-accuracy={r.accuracy}
      data-val-accuracy={r.valAccuracy}
    >
      <h3 style={{ color: COLORS[kind] }}>{TITLES[kind]}</h3>
      <div className="small">
        step {r.step} · loss {Number.isNaN(r.loss) ? '–' : fmtNorm(r.loss)} · validation accuracy{' '}
        <strong>{r.valAccuracy === undefined ? '–' : fmtNorm(r.valAccuracy)}</strong> (last epoch) · training{' '}
        {r.accuracy === undefined ? '–' : fmtNorm(r.accuracy)} (last batches)
      </div>
      {r.firstNorms && (
        <div className="small" data-testid={`lesson-grad-start-${kind}`}>
          At step 1, before learning: <GradLine norms={r.firstNorms} />
        </div>
      )}
      {r.norms && r.step > 1 && (
        <div className="small muted">
          Latest (step {r.step}): <GradLine norms={r.norms} />
          {r.loss < LEARNED_LOSS && ' (learned: almost no loss is left to send back)'}
        </div>
      )}
      {r.norms && <TimestepStrip norms={r.norms} width={300} color={COLORS[kind]} />}
      {r.message && <div className="small error-text">{r.message}</div>}
    </div>
  );
}

/** Exponential moving average (weight 0.2 on the newest value): one batch's accuracy is noisy. */
export function smooth(v: readonly number[]): number[] {
  const out: number[] = [];
  let m = Number.NaN;
  for (const x of v) {
    m = Number.isNaN(m) ? x : 0.8 * m + 0.2 * x;
    out.push(m);
  }
  return out;
}

function Charts() {
  const runs = useLesson((s) => s.runs);
  const grad: Line[] = [];
  const acc: Line[] = [];
  for (const kind of ['rnn', 'lstm'] as const) {
    const r = runs[kind];
    if (r.firstNorms) {
      grad.push({
        label: `${TITLES[kind]} at step 1`,
        color: COLORS[kind],
        xs: r.firstNorms.map((_, i) => i + 1),
        ys: r.firstNorms,
        dashed: kind === 'lstm',
        faint: true,
      });
    }
    if (r.norms)
      grad.push({
        label: TITLES[kind],
        color: COLORS[kind],
        xs: r.norms.map((_, i) => i + 1),
        ys: r.norms,
        dashed: kind === 'lstm',
      });
    acc.push({
      label: TITLES[kind],
      color: COLORS[kind],
      xs: r.accSteps,
      ys: smooth(r.acc),
      dashed: kind === 'lstm',
    });
  }
  return (
    <div className="lesson-charts">
      <figure>
        <figcaption>
          ‖∂L/∂h_t‖ over the sequence (log scale): how much gradient reaches each step; faint = at step 1
          (before learning), solid = latest
        </figcaption>
        <LineChart lines={grad} log xLabel="time step t" yLabel="gradient norm" />
      </figure>
      <figure>
        <figcaption>
          Training accuracy on the latest mini-batches, smoothed (chance = 0.25); the cards show validation
          accuracy
        </figcaption>
        <LineChart lines={acc} yRange={[0, 1]} xLabel="optimizer step" yLabel="accuracy" />
      </figure>
      <div className="lesson-key small">
        <span style={{ color: COLORS.rnn }}>━ vanilla RNN</span>{' '}
        <span style={{ color: COLORS.lstm }}>╍ LSTM</span>
      </div>
    </div>
  );
}

function VanishingLesson() {
  const { length, activation, forgetBias, running } = useLesson();
  const ex = useMemo(exampleDefaults, []);
  return (
    <div className="lesson-body">
      <div className="lesson-controls">
        <label className="small">
          sequence length{' '}
          <select
            data-testid="lesson-length"
            value={length}
            disabled={running}
            onChange={(e) => useLesson.setState({ length: Number(e.target.value) })}
          >
            {[10, 20, 30, 50, 100].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="small">
          RNN activation{' '}
          <select
            data-testid="lesson-activation"
            value={activation ?? ''}
            disabled={running}
            onChange={(e) => useLesson.setState({ activation: (e.target.value || null) as 'tanh' | null })}
          >
            <option value="">{ex.activation} (example)</option>
            <option value="sigmoid">sigmoid</option>
            <option value="tanh">tanh</option>
            <option value="relu">relu</option>
          </select>
        </label>
        <label
          className="small"
          title="The forget gate starts at sigmoid(bias): 0.5 for 0, 0.73 for 1, 0.95 for 3, 0.99 for 5"
        >
          LSTM forget-gate bias{' '}
          <select
            data-testid="lesson-forget-bias"
            value={forgetBias ?? ''}
            disabled={running}
            onChange={(e) =>
              useLesson.setState({ forgetBias: e.target.value ? Number(e.target.value) : null })
            }
          >
            <option value="">
              {ex.chrono ? `ln(T−1) = ${exampleForgetBias(length).toFixed(2)}` : ex.forgetBias} (example)
            </option>
            <option value={0}>0</option>
            <option value={1}>1</option>
            <option value={3}>3</option>
            <option value={5}>5</option>
          </select>
        </label>
        {running ? (
          <button
            type="button"
            className="tool"
            data-testid="lesson-stop"
            onClick={() => runAction('labStopBoth')}
          >
            Stop both
          </button>
        ) : (
          <button
            type="button"
            className="tool primary"
            data-testid="lesson-run"
            onClick={() => runAction('labTrainBoth')}
          >
            ▶ Train both side by side
          </button>
        )}
      </div>
      <div className="lesson-grid">
        <RunCard kind="rnn" />
        <RunCard kind="lstm" />
      </div>
      <Charts />
      <VanishingCaptions
        activation={activation ?? ex.activation}
        length={length}
        forgetBias={forgetBias ?? exampleForgetBias(length)}
      />
    </div>
  );
}

/** The lesson overlay (opened from the toolbar's Lesson button). */
export function LessonView() {
  const open = useLesson((s) => s.open);
  const tab = useLesson((s) => s.tab);
  if (!open) return null;
  // Below the toolbar (its height depends on how many buttons wrap), so Train stays reachable.
  const bottoms = ['.toolbar', '[data-testid="train-controls"]'].map(
    (q) => document.querySelector(q)?.getBoundingClientRect().bottom ?? 0,
  );
  const top = Math.max(52, ...bottoms) + 4;
  return (
    <div
      className="lesson-view"
      data-testid="lesson-view"
      role="dialog"
      aria-label="Gradient lessons"
      style={{ top }}
    >
      <div className="lesson-head">
        <h2>Gradient lessons</h2>
        {(['vanishing', 'exploding'] as const).map((t) => (
          <button
            key={t}
            type="button"
            className={`tab${tab === t ? ' active' : ''}`}
            data-testid={`lesson-tab-${t}`}
            onClick={() => useLesson.setState({ tab: t })}
          >
            {t === 'vanishing' ? 'Vanishing gradients' : 'Exploding gradients'}
          </button>
        ))}
        <button
          type="button"
          className="tool lesson-close"
          data-testid="lesson-close"
          onClick={() => runAction('labClose')}
        >
          Close
        </button>
      </div>
      {tab === 'vanishing' ? <VanishingLesson /> : <ExplodingLesson />}
    </div>
  );
}
