// The per-layer gradient chart: the norm of the gradient reaching each layer (∂L/∂ its output) and of
// its weight gradient, from the output back to the input, on a log axis, refreshed while training. In a
// deep sigmoid network it falls layer after layer: the vanishing gradient across depth.
import type { LayerGrad } from '../../engine/index.ts';
import { fmt } from './format.ts';
import { useViewData } from './useViewData.ts';

const W = 860;
const H = 330;
const PAD = { left: 64, right: 16, top: 16, bottom: 76 };

/** Whole decades [lo, hi] covering the positive values (at least one decade). */
export function decades(values: number[]): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return [-3, 0];
  let lo = Math.floor(Math.log10(Math.min(...pos)));
  const hi = Math.ceil(Math.log10(Math.max(...pos))) || 0; // never -0
  if (hi - lo < 1) lo = hi - 1;
  return [lo, hi];
}

function Series({
  layers,
  pick,
  x,
  y,
  className,
}: {
  layers: LayerGrad[];
  pick: (l: LayerGrad) => number | null;
  x: (i: number) => number;
  y: (v: number) => number;
  className: string;
}) {
  const pts = layers
    .map((l, i) => [i, pick(l)] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null && p[1] > 0);
  return (
    <g className={className}>
      <polyline points={pts.map(([i, v]) => `${x(i)},${y(v)}`).join(' ')} />
      {pts.map(([i, v]) => (
        <circle key={i} cx={x(i)} cy={y(v)} r={5}>
          <title>{fmt(v)}</title>
        </circle>
      ))}
    </g>
  );
}

/** The view (data-testid="layer-grad-chart"). */
export function LayerGradChart() {
  const { data, error } = useViewData<'layer-grads'>({ kind: 'layer-grads' });
  const layers = data?.grads.layers ?? [];
  const all = layers.flatMap((l) => [l.output ?? 0, l.params ?? 0]);
  const [lo, hi] = decades(all);
  const n = Math.max(1, layers.length);
  const x = (i: number) => PAD.left + ((i + 0.5) / n) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - Math.log10(v)) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const ticks = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  return (
    <div
      className="layer-grad-view"
      data-testid="layer-grad-chart"
      data-step={data?.step ?? ''}
      data-layers={layers.map((l) => l.nodeId).join(',')}
    >
      <p className="muted">
        ‖∂L/∂(layer output)‖ <span className="key out">●</span> and ‖∂L/∂W‖ <span className="key par">●</span>{' '}
        on {data?.grads.rows ?? 16} examples, output on the left, input on the right (log scale)
        {data && ` · step ${data.step}`}
      </p>
      {error && (
        <p className="view-error" role="alert">
          {error}
        </p>
      )}
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="layer-grad-svg"
        role="img"
        aria-label="gradient norm per layer"
      >
        {ticks.map((t) => (
          <g key={t} className="tick">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(10 ** t)} y2={y(10 ** t)} />
            <text x={PAD.left - 8} y={y(10 ** t) + 5} textAnchor="end">
              1e{t}
            </text>
          </g>
        ))}
        {layers.map((l, i) => (
          <text
            key={l.nodeId}
            className="layer-label"
            x={x(i)}
            y={H - PAD.bottom + 20}
            textAnchor="middle"
            data-testid={`layer-grad-${l.nodeId}`}
            data-output={l.output ?? ''}
            data-params={l.params ?? ''}
          >
            <tspan x={x(i)}>{l.nodeId}</tspan>
            <tspan x={x(i)} dy={18} className="muted-text">
              {l.type}
            </tspan>
          </text>
        ))}
        <Series layers={layers} pick={(l) => l.output} x={x} y={y} className="series out" />
        <Series layers={layers} pick={(l) => l.params} x={x} y={y} className="series par" />
      </svg>
    </div>
  );
}
