// The legend of the edge overlay: what colour and width mean, on the same scale the edges use.
import { useStudio } from '../store/store.ts';
import { edgeWidth } from './overlays.ts';
import { LOG_RANGE, sequential, themed } from './palette.ts';

/** Legend for the gradient overlay on edges. */
export function GradLegend() {
  const theme = useStudio((s) => s.theme);
  const decades: number[] = [];
  for (let d = LOG_RANGE.low; d <= LOG_RANGE.high; d++) decades.push(d);
  const span = LOG_RANGE.high - LOG_RANGE.low;
  return (
    <div className="grad-legend" data-testid="grad-legend">
      <div className="small">
        <strong>Edges</strong>: size of the gradient sent back along each edge, ‖∂L/∂(output of the source)‖,
        colour and width on a log scale; the number is in the coloured chip on each edge (hover the edge for
        all digits). <strong>Nodes</strong>: ‖∂L/∂W‖ of their weights.
      </div>
      <svg viewBox={`0 0 ${decades.length * 40} 34`} className="grad-legend-scale" role="img">
        <title>
          gradient norm scale, 1e{LOG_RANGE.low} to 1e{LOG_RANGE.high}
        </title>
        {decades.map((d, i) => {
          const t = (d - LOG_RANGE.low) / span;
          return (
            <g key={d}>
              <line
                x1={i * 40 + 4}
                x2={i * 40 + 36}
                y1={10}
                y2={10}
                stroke={sequential(themed(t, theme))}
                strokeWidth={edgeWidth(t)}
              />
              <text x={i * 40 + 20} y={31} textAnchor="middle" className="legend-tick">
                1e{d}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
