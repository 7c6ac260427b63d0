// A Dense node's activation and its derivative over z in [-5, 5], with the flat ends shaded where the
// derivative is below 10% of its maximum (the engine's saturation rule): the logistic's derivative is at
// most 0.25, which is why deep sigmoid stacks lose their gradient.
import { sigmoid } from '../../engine/index.ts';

const W = 240;
const H = 120;
const Z = 5;

type Act = 'identity' | 'relu' | 'sigmoid' | 'tanh';

/** act(z) and act'(z). */
export function activationAndDerivative(act: Act, z: number): [number, number] {
  switch (act) {
    case 'sigmoid': {
      const s = sigmoid(z);
      return [s, s * (1 - s)];
    }
    case 'tanh': {
      const t = Math.tanh(z);
      return [t, 1 - t * t];
    }
    case 'relu':
      return [Math.max(0, z), z > 0 ? 1 : 0];
    default:
      return [z, 1];
  }
}

/** |z| beyond which the derivative is below 10% of its maximum (null: never). */
function flatFrom(act: Act): number | null {
  if (act === 'sigmoid') return Math.log((1 + Math.sqrt(0.9)) / (1 - Math.sqrt(0.9))); // s(1-s) = 0.025
  if (act === 'tanh') return Math.atanh(Math.sqrt(0.9)); // 1 - t² = 0.1
  return null;
}

/** The plot (data-testid="activation-plot"). */
export function ActivationPlot({ activation }: { activation: string | undefined }) {
  const act = (activation ?? 'identity') as Act;
  const xs = Array.from({ length: 101 }, (_, i) => -Z + (2 * Z * i) / 100);
  const vals = xs.map((z) => activationAndDerivative(act, z));
  const ys = vals.flat();
  const lo = Math.min(-1, ...ys);
  const hi = Math.max(1, ...ys.filter((v) => v <= Z));
  const px = (z: number) => ((z + Z) / (2 * Z)) * W;
  const py = (v: number) => H - ((Math.min(hi, v) - lo) / (hi - lo)) * H;
  const line = (k: 0 | 1) => xs.map((z, i) => `${px(z).toFixed(1)},${py(vals[i][k]).toFixed(1)}`).join(' ');
  const flat = flatFrom(act);
  const maxD = Math.max(...vals.map((v) => v[1]));
  return (
    <figure
      className="activation-plot"
      data-testid="activation-plot"
      data-activation={act}
      data-max-derivative={maxD}
    >
      <figcaption className="small">
        {act}(z) <span className="key act">—</span> and its derivative <span className="key der">- -</span>{' '}
        (max {fmt2(maxD)})
      </figcaption>
      <svg width={W} height={H} role="img" aria-label={`${act} and its derivative`}>
        {flat !== null && (
          <>
            <rect x={0} y={0} width={px(-flat)} height={H} className="flat" />
            <rect x={px(flat)} y={0} width={W - px(flat)} height={H} className="flat" />
          </>
        )}
        <line x1={0} x2={W} y1={py(0)} y2={py(0)} className="axis" />
        <line x1={px(0)} x2={px(0)} y1={0} y2={H} className="axis" />
        <polyline points={line(0)} className="act" />
        <polyline points={line(1)} className="der" />
      </svg>
      {flat !== null && <div className="small muted">shaded: derivative &lt; 10% of its max (saturated)</div>}
    </figure>
  );
}

function fmt2(v: number): string {
  return Number(v.toPrecision(2)).toString();
}
