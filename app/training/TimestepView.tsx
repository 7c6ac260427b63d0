// Per-time-step gradient view of a recurrent node: ||dL/dh_t|| for t = 1..T as a heatmap strip (colour =
// log10 of the norm) and as a line on a log axis. On the canvas it sits inside the node card.
import { replayed, useReplay } from './replay.ts';
import { layerOf, PER_STEP_TYPES } from '../../engine/index.ts';
import type { NodeType } from '../../graph-schema/schema.ts';
import { memo, useEffect, useRef } from 'react';
import type { NodeAddonProps } from '../slots/nodeAddons.ts';
import { timestepsOf } from '../worker/pack.ts';
import { fmtNorm, sequentialRgb } from './palette.ts';
import { useTraining } from './store.ts';

/** Node types with per-time-step gradient norms (the descriptors' perStep). */
const RECURRENT = PER_STEP_TYPES;

/** log10 range [lo, hi] of the positive values (at least one decade wide). */
export function logRange(v: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (!(v[i] > 0)) continue;
    const l = Math.log10(v[i]);
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  if (!Number.isFinite(lo)) return [-1, 0];
  if (hi - lo < 1) lo = hi - 1;
  return [lo, hi];
}

/** SVG points "x,y ..." of the log-scale line in a w x h box. */
export function linePoints(v: ArrayLike<number>, w: number, h: number): string {
  const [lo, hi] = logRange(v);
  const pts: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = v.length > 1 ? (i / (v.length - 1)) * (w - 2) + 1 : w / 2;
    const l = v[i] > 0 ? Math.log10(v[i]) : lo;
    const y = h - 2 - ((l - lo) / (hi - lo)) * (h - 4);
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return pts.join(' ');
}

function paintStrip(canvas: HTMLCanvasElement, v: ArrayLike<number>): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const [lo, hi] = logRange(v);
  const w = canvas.width / Math.max(1, v.length);
  for (let i = 0; i < v.length; i++) {
    const t = v[i] > 0 ? (Math.log10(v[i]) - lo) / (hi - lo) : 0;
    const [r, g, b] = sequentialRgb(t);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(Math.floor(i * w), 0, Math.ceil(w), canvas.height);
  }
}

/** The strip and the line for one array of norms. */
export const TimestepStrip = memo(function TimestepStrip({
  norms,
  width = 200,
  testId,
  color = 'currentColor',
}: {
  norms: ArrayLike<number>;
  width?: number;
  testId?: string;
  color?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) paintStrip(canvas.current, norms);
  }, [norms]);
  const n = norms.length;
  const first = n ? norms[0] : Number.NaN;
  const last = n ? norms[n - 1] : Number.NaN;
  const [lo, hi] = logRange(norms);
  return (
    <div
      className="timestep-view"
      data-testid={testId}
      data-steps={n}
      data-grad-t1={first}
      data-grad-tlast={last}
      title={`‖∂L/∂h_t‖ for t = 1..${n}: colour and line on a log scale from 1e${lo.toFixed(1)} to 1e${hi.toFixed(1)}`}
    >
      <canvas ref={canvas} width={n || 1} height={1} className="timestep-strip" style={{ width }} />
      <svg width={width} height={30} className="timestep-line" aria-hidden="true">
        <polyline points={linePoints(norms, width, 30)} fill="none" stroke={color} strokeWidth={1.5} />
      </svg>
      <div className="timestep-caption">
        <span>t=1: {fmtNorm(first)}</span>
        <span>
          t={n}: {fmtNorm(last)}
        </span>
      </div>
    </div>
  );
});

/** The node-card addon: shown on recurrent nodes once the worker reported their time-step norms. */
export function NodeTimesteps({ nodeId, nodeType }: NodeAddonProps) {
  const live = useTraining((s) => s.timesteps);
  const replay = useReplay((r) => replayed(r));
  const packed = replay ? replay.timesteps : live;
  if (!RECURRENT.has(nodeType) || !packed) return null;
  const norms = timestepsOf(packed, nodeId);
  if (!norms) return null;
  return (
    <div className="node-timesteps nodrag">
      <div className="small muted">‖∂L/∂{layerOf(nodeType as NodeType).perStepOf ?? 'h_t'}‖ over t (log)</div>
      <TimestepStrip norms={norms} testId={`timestep-grads-${nodeId}`} width={190} />
    </div>
  );
}
