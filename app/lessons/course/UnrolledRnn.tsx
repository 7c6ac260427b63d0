// The recurrence unrolled: sₜ = φ(W sₜ₋₁ + U xₜ + b) drawn as a chain of T copies sharing W, U and b,
// each state coloured by the gradient ‖∂L/∂hₜ‖ that reached it in the latest report (the same log scale
// as the edges), so the class sees where along the chain backpropagation runs dry.
import { useStudio } from '../../store/store.ts';
import { fmtNorm, scalePosition, sequential, themed } from '../../training/palette.ts';
import { replayed, useReplay } from '../../training/replay.ts';
import { useTraining } from '../../training/store.ts';
import { timestepsOf } from '../../worker/pack.ts';

const RECURRENT = new Set(['RNN', 'LSTM', 'GRU']);
/** Columns drawn: the first few and the last few steps, with "…" between on long sequences. */
const SHOWN = 7;

/** Which steps to draw (1-based), with null for the gap. */
export function shownSteps(T: number, room = SHOWN): (number | null)[] {
  if (T <= room) return Array.from({ length: T }, (_, i) => i + 1);
  const head = Math.ceil((room - 1) / 2);
  const tail = room - 1 - head;
  return [
    ...Array.from({ length: head }, (_, i) => i + 1),
    null,
    ...Array.from({ length: tail }, (_, i) => T - tail + i + 1),
  ];
}

/** The view (data-testid="unrolled-rnn"); a sentence when the graph has no recurrent node. */
export function UnrolledRnn() {
  const graph = useStudio((s) => s.graph);
  const theme = useStudio((s) => s.theme);
  const live = useTraining((s) => s.timesteps);
  const replay = useReplay((r) => replayed(r));
  const node = graph.nodes.find((n) => RECURRENT.has(n.type));
  const input = graph.nodes.find((n) => n.type === 'Input');
  const T = (input?.params.shape as number[] | undefined)?.[0] ?? 0;
  if (!node || T < 1)
    return <p className="small muted">The unrolled view needs a recurrent node on a sequence.</p>;
  const packed = replay ? replay.timesteps : live;
  const norms = packed ? timestepsOf(packed, node.id) : null;
  const steps = shownSteps(T);
  const colW = 36;
  const width = steps.length * colW + 30;
  const colour = (t: number) =>
    norms ? sequential(themed(scalePosition(norms[t - 1]), theme)) : 'var(--panel-2)';
  return (
    <figure className="unrolled" data-testid="unrolled-rnn" data-steps={T} data-has-grads={norms !== null}>
      <figcaption className="small">
        s<sub>t</sub> = φ(W s<sub>t−1</sub> + U x<sub>t</sub> + b), unrolled over {T} steps of node {node.id};
        the same W, U, b at every step.{' '}
        {norms
          ? 'Colour: ‖∂L/∂h_t‖ of the latest report.'
          : 'Press Step to colour each state by its gradient.'}
      </figcaption>
      <svg width={width} height={118} role="img" aria-label={`RNN unrolled over ${T} steps`}>
        {steps.map((t, i) => {
          const x = 14 + i * colW;
          if (t === null) {
            return (
              <text key="gap" x={x + 10} y={56} className="unrolled-text">
                …
              </text>
            );
          }
          return (
            <g key={t} data-step={t} data-grad={norms ? norms[t - 1] : undefined}>
              {i > 0 && steps[i - 1] !== null && (
                <line x1={x - colW + 26} y1={52} x2={x} y2={52} className="unrolled-arrow" />
              )}
              <rect x={x} y={38} width={26} height={28} rx={6} fill={colour(t)} className="unrolled-state" />
              <line x1={x + 13} y1={88} x2={x + 13} y2={66} className="unrolled-arrow" />
              <text x={x + 13} y={104} textAnchor="middle" className="unrolled-text">
                x{t}
              </text>
              <text x={x + 13} y={30} textAnchor="middle" className="unrolled-text">
                s{t}
              </text>
              {norms && (i === 0 || i === steps.length - 1) && (
                <text x={x + 13} y={14} textAnchor="middle" className="unrolled-text small-number">
                  {fmtNorm(norms[t - 1])}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
