// The embedding map: each row of an Embedding table as a point on the table's first two principal
// components (computed in the worker), labelled with its token; hovering a point lists its nearest
// neighbours by cosine similarity in the full space and draws lines to them. Moves as training does.
import { Pending } from './Pending.tsx';
import { useState } from 'react';
import type { EmbeddingMap } from '../../engine/index.ts';
import { fmt, showToken } from './format.ts';
import { useViewData } from './useViewData.ts';

const W = 640;
const H = 440;
const PAD = 24;
/** Room a label needs right of its point before it would run off the map (then it goes left). */
const LABEL_ROOM = 80;

function scaler(map: EmbeddingMap): (i: number) => [number, number] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < map.count; i++) {
    const [x, y] = [map.coords[2 * i], map.coords[2 * i + 1]];
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const sx = (W - 2 * PAD) / (x1 - x0 || 1);
  const sy = (H - 2 * PAD) / (y1 - y0 || 1);
  return (i) => [PAD + (map.coords[2 * i] - x0) * sx, H - PAD - (map.coords[2 * i + 1] - y0) * sy];
}

/** Where a point's label goes: right of it, or left near the right edge; never above or below the map. */
function labelAt(x: number, y: number): { x: number; y: number; anchor: 'start' | 'end' } {
  const ty = Math.min(Math.max(y + 5, 14), H - 4);
  return x > W - LABEL_ROOM ? { x: x - 7, y: ty, anchor: 'end' } : { x: x + 7, y: ty, anchor: 'start' };
}

/** The view (data-testid="embedding-view"). */
export function EmbeddingView({ nodeId }: { nodeId: string }) {
  const { data, error } = useViewData<'embedding'>({ kind: 'embedding', nodeId });
  const [hovered, setHover] = useState<number | null>(null);
  // a click pins a point (a lecturer points at it; touch screens have no hover)
  const [pinned, setPinned] = useState<number | null>(null);
  const hover = hovered ?? pinned;
  const map = data?.map;
  const at = map ? scaler(map) : null;
  const near =
    map && hover !== null && hover < map.count
      ? Array.from(map.neighbours.subarray(hover * map.k, (hover + 1) * map.k))
      : [];
  return (
    <div
      className="embedding-view"
      data-testid="embedding-view"
      data-step={data?.step ?? ''}
      data-count={map?.count ?? 0}
    >
      {map && (
        <p className="muted">
          {map.count < map.vocabSize ? `The first ${map.count} of ${map.vocabSize}` : `All ${map.count}`} rows
          of {nodeId}.table ({map.dim} dimensions) on their two principal axes, which keep{' '}
          {Math.round(100 * map.explained[0])}% + {Math.round(100 * map.explained[1])}% of the variance · step{' '}
          {data.step}. Hover or click a token for its nearest neighbours (cosine, all {map.dim} dimensions).
          {map.tokenRows < map.count && (
            <span data-testid="embedding-unused">
              {' '}
              Rows {map.tokenRows}–{map.count - 1} belong to no token of the data (the table is larger than
              its {map.tokenRows}-token vocabulary): never looked up, they keep their initial values and are
              drawn as small hollow dots without labels.
            </span>
          )}
        </p>
      )}
      {error && (
        <p className="view-error" role="alert">
          {error}
        </p>
      )}
      {map && at && (
        <div className="embedding-body">
          <svg viewBox={`0 0 ${W} ${H}`} className="embedding-svg" role="img" aria-label="embedding map">
            {hover !== null &&
              near.map((j) => {
                const [x1, y1] = at(hover);
                const [x2, y2] = at(j);
                return <line key={j} x1={x1} y1={y1} x2={x2} y2={y2} className="near-line" />;
              })}
            {map.labels.map((label, i) => {
              const [x, y] = at(i);
              const unused = i >= map.tokenRows;
              const cls = `pt${i === hover ? ' hovered' : near.includes(i) ? ' near' : ''}${unused ? ' unused' : ''}`;
              // unused rows sit together at their initial values: labels there would pile up, so
              // they get one only while hovered or listed as a neighbour
              const labelled = !unused || i === hover || near.includes(i);
              const l = labelAt(x, y);
              return (
                // biome-ignore lint/a11y/noStaticElementInteractions: hover and click only show extra information
                <g
                  key={label + String(i)}
                  className={cls}
                  data-testid={`embedding-point-${i}`}
                  data-unused={unused ? 'true' : undefined}
                  onMouseEnter={() => setHover(i)}
                  onMouseLeave={() => setHover((h) => (h === i ? null : h))}
                  onClick={() => setPinned((p) => (p === i ? null : i))}
                >
                  <circle cx={x} cy={y} r={unused ? 3 : 4} />
                  {labelled && (
                    <text x={l.x} y={l.y} textAnchor={l.anchor}>
                      {showToken(label)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <aside className="embedding-side" data-testid="embedding-neighbours">
            {hover === null ? (
              <p className="muted">Hover a point.</p>
            ) : (
              <>
                <h3>“{showToken(map.labels[hover])}” is closest to</h3>
                <ol>
                  {near.map((j, r) => (
                    <li key={j} data-token={map.labels[j]}>
                      <strong>{showToken(map.labels[j])}</strong>{' '}
                      <span className="muted">cos {fmt(map.similarity[hover * map.k + r], 3)}</span>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </aside>
        </div>
      )}
      {!map && !error && <Pending />}
    </div>
  );
}
