// The gate and state view of a recurrent node: per direction, a heatmap (time across, units down) of
// each gate's activation and of the cell / hidden state, saturated cells dotted (the engine's rule:
// local derivative below 10% of its maximum), and under each map the mean over units at each step.
// One example of the view rows, or their mean; refreshed live while training.
import { Pending } from './Pending.tsx';
import { useState } from 'react';
import type { GateMap, GateRecord } from '../../engine/index.ts';
import { fmt, showToken } from './format.ts';
import { Heatmap, seriesPoints } from './Heatmap.tsx';
import { useViewData } from './useViewData.ts';

const MAP_WIDTH = 280;
const MAP_HEIGHT = 150;

/** The colour scale of a map: [0, 1] for sigmoid gates, else symmetric around 0. */
function scaleOf(m: GateMap): 'unit' | number {
  if (m.kind === 'sigmoid') return 'unit';
  if (m.kind === 'tanh' || m.name === 'h' || m.name === 's') {
    let big = 1;
    for (const v of m.values) big = Math.max(big, Math.abs(v));
    return big; // 1 for tanh-bounded maps; a relu RNN's h can exceed it
  }
  let big = 1e-6;
  for (const v of m.values) big = Math.max(big, Math.abs(v));
  return big;
}

function rowIds(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function meanOf(a: Float32Array): number {
  let s = 0;
  for (const v of a) s += v;
  return a.length ? s / a.length : 0;
}

function MapCard({ map, record, dir }: { map: GateMap; record: GateRecord; dir: string }) {
  const T = record.steps;
  const H = record.units;
  // cells may be wider than tall: a map fills its column whatever the steps/units ratio
  const cellW = Math.max(1, Math.min(24, Math.floor(MAP_WIDTH / T)));
  const cellH = Math.max(1, Math.min(12, Math.floor(MAP_HEIGHT / H)));
  const scale = scaleOf(map);
  const [lo, hi] = scale === 'unit' ? [0, 1] : [-scale, scale];
  const sat = meanOf(map.saturated);
  const width = Math.max(T * cellW, 120);
  return (
    <figure
      className={`gate-map role-${map.role}`}
      data-testid={`gate-map-${dir}-${map.name}`}
      data-mean={meanOf(map.values)}
      data-saturated-share={sat}
      data-kind={map.kind}
    >
      <figcaption>
        <strong>{map.label}</strong>
        <span className="muted">
          {' '}
          mean {fmt(meanOf(map.values), 2)}
          {map.kind !== 'none' && <> · saturated {Math.round(sat * 100)}%</>}
        </span>
      </figcaption>
      <Heatmap
        values={map.values}
        saturated={map.saturated}
        steps={T}
        units={H}
        scale={scale}
        cellW={cellW}
        cellH={cellH}
        label={`${map.label}: ${T} steps by ${H} units`}
      />
      <svg
        width={width}
        height={48}
        className="gate-mean"
        aria-label={`mean of ${map.label} over units, per step`}
      >
        <rect x={0} y={0} width={T * cellW} height={48} className="frame" />
        {lo < 0 && <line x1={0} x2={T * cellW} y1={24} y2={24} className="axis" />}
        <polyline points={seriesPoints(map.mean, T * cellW, 48, lo, hi)} className="mean-line" />
      </svg>
      <div className="gate-axis muted small" style={{ width: Math.max(T * cellW, 200) }}>
        <span>t=1</span>
        <span>
          mean over units ({fmt(lo, 2)}…{fmt(hi, 2)})
        </span>
        <span>t={T}</span>
      </div>
    </figure>
  );
}

/** The view (data-testid="gate-view-<nodeId>"). */
export function GateView({ nodeId }: { nodeId: string }) {
  const [example, setExample] = useState(-1);
  const { data, error } = useViewData<'gates'>({ kind: 'gates', nodeId, example });
  const r = data?.record;
  return (
    <div
      className="gate-view"
      data-testid={`gate-view-${nodeId}`}
      data-step={data?.step ?? ''}
      data-example={example}
      data-directions={r?.directions.length ?? 0}
    >
      <div className="view-controls">
        <label>
          Show{' '}
          <select
            data-testid="gate-example"
            value={example}
            onChange={(e) => setExample(Number(e.target.value))}
          >
            <option value={-1}>mean over {data?.rows ?? 16} examples</option>
            {rowIds(data?.rows ?? 16).map((i) => (
              <option key={i} value={i}>
                example {i + 1}
              </option>
            ))}
          </select>
        </label>
        {r && (
          <span className="muted">
            {r.type}
            {r.variant && r.variant !== 'standard' ? ` (${r.variant})` : ''} · {r.steps} steps × {r.units}{' '}
            units · step {data.step}
          </span>
        )}
        <span className="legend">
          <span className="swatch unit" /> 0…1 <span className="swatch div" /> −1…+1 <span className="dot" />{' '}
          saturated (derivative &lt; 10% of max)
        </span>
      </div>
      {error && (
        <p className="view-error" role="alert">
          {error}
        </p>
      )}
      {data?.labels && (
        <p className="gate-tokens" data-testid="gate-tokens">
          <span className="muted">input: </span>
          {data.labels.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity here
            <span key={i} className="tok">
              {showToken(t)}
            </span>
          ))}
        </p>
      )}
      {r?.directions.map((d) => {
        const dir = d.reverse ? 'backward' : 'forward';
        return (
          <section key={dir} className="gate-direction" data-testid={`gate-dir-${dir}`}>
            {r.directions.length > 1 && (
              <h3>
                {d.reverse
                  ? 'Backward direction (reads t = T down to 1)'
                  : 'Forward direction (t = 1 up to T)'}
              </h3>
            )}
            <div className="gate-grid">
              {d.maps.map((m) => (
                <MapCard key={m.name} map={m} record={r} dir={dir} />
              ))}
            </div>
          </section>
        );
      })}
      {!r && !error && <Pending what="Computing the gates…" />}
    </div>
  );
}
