// The attention view of a SelfAttention node: the weights A (query position down, key position across;
// each row sums to 1) of one example, with its tokens on both axes, or the mean over the view rows.
// Refreshed live while training.
import { Pending } from './Pending.tsx';
import { useState } from 'react';
import { showToken } from './format.ts';
import { Heatmap } from './Heatmap.tsx';
import { useViewData } from './useViewData.ts';

const SIZE = 420;

/** The view (data-testid="attention-view-<nodeId>"). */
export function AttentionView({ nodeId }: { nodeId: string }) {
  const [example, setExample] = useState(0);
  const { data, error } = useViewData<'attention'>({ kind: 'attention', nodeId, example });
  const r = data?.record;
  const T = r?.steps ?? 0;
  const cell = Math.max(1, Math.floor(SIZE / Math.max(1, T)));
  const rows = data?.rows ?? 16;
  const labels = data?.labels;
  // the heatmap draws time across and units down; here keys go across and queries down: pass the
  // transpose so row i of the picture is query i
  const shown = r ? transpose(r.weights, T) : null;
  return (
    <div
      className="attention-view"
      data-testid={`attention-view-${nodeId}`}
      data-step={data?.step ?? ''}
      data-example={example}
      data-steps={T}
    >
      <div className="view-controls">
        <label>
          Show{' '}
          <select
            data-testid="attention-example"
            value={example}
            onChange={(e) => setExample(Number(e.target.value))}
          >
            <option value={-1}>mean over {rows} examples</option>
            {Array.from({ length: rows }, (_, i) => i).map((i) => (
              <option key={i} value={i}>
                example {i + 1}
              </option>
            ))}
          </select>
        </label>
        {r && (
          <span className="muted">
            {T} positions{r.causal ? ' · causal (no position reads a later one)' : ''} · step {data.step} ·
            row = query, column = key; each row sums to 1
          </span>
        )}
        <span className="legend">
          <span className="swatch unit" /> 0…1
        </span>
      </div>
      {error && (
        <p className="view-error" role="alert">
          {error}
        </p>
      )}
      {r && shown && (
        <div className="attention-body">
          {labels && T <= 40 && (
            <div className="attention-rows" style={{ gridTemplateRows: `repeat(${T}, ${cell}px)` }}>
              {labels.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a label is its position
                <span key={i}>{showToken(t)}</span>
              ))}
            </div>
          )}
          <div>
            <Heatmap
              values={shown}
              saturated={new Float32Array(T * T)}
              steps={T}
              units={T}
              scale="unit"
              cellW={cell}
              cellH={cell}
              label={`attention weights, ${T} queries by ${T} keys`}
            />
            <div className="muted small">keys t = 1 … {T} →</div>
          </div>
        </div>
      )}
      {!r && !error && <Pending />}
    </div>
  );
}

/** [T, T] transposed (Heatmap reads values[col * rows + row]). */
function transpose(a: Float32Array, T: number): Float32Array {
  const out = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) out[j * T + i] = a[i * T + j];
  return out;
}
