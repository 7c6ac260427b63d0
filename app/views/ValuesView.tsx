// "The numbers behind backprop" for one example of a small model: every node's activation (forward),
// every edge's upstream gradient (backward), and for a Dense -> Softmax head with cross-entropy the
// lecture's ∂L/∂β = (Ŷ − Y)Zᵀ built from Ŷ, Y and Z beside the engine's own ∂L/∂β.
import { Pending } from './Pending.tsx';
import { useState } from 'react';
import type { SoftmaxCheck } from '../../engine/index.ts';
import { fmt } from './format.ts';
import { MatrixView } from './MatrixView.tsx';
import { useViewData } from './useViewData.ts';

function Derivation({ s }: { s: SoftmaxCheck }) {
  return (
    <section className="values-derivation" data-testid="values-softmax" data-max-diff={s.maxDiff}>
      <h3>
        Output layer <code>{s.denseId}</code>: ∂L/∂β = (Ŷ − Y) Zᵀ
      </h3>
      <div className="derivation-row">
        <figure>
          <figcaption>Ŷ (softmax)</figcaption>
          <MatrixView m={s.yHat} column testId="values-yhat" />
        </figure>
        <span className="op">−</span>
        <figure>
          <figcaption>Y (target)</figcaption>
          <MatrixView m={s.y} column testId="values-y" />
        </figure>
        <span className="op">=</span>
        <figure>
          <figcaption>Ŷ − Y</figcaption>
          <MatrixView m={s.diff} column testId="values-diff" />
        </figure>
        <span className="op">·</span>
        <figure>
          <figcaption>Zᵀ (input of {s.denseId})</figcaption>
          <MatrixView m={s.z} testId="values-z" />
        </figure>
      </div>
      <div className="derivation-row">
        <figure>
          <figcaption>(Ŷ − Y) Zᵀ from the formula</figcaption>
          <MatrixView m={s.outer} testId="values-outer" />
        </figure>
        <figure>
          <figcaption>∂L/∂β: the engine's gradient of {s.denseId}.W</figcaption>
          <MatrixView m={s.engineW} testId="values-engine-grad" />
        </figure>
      </div>
      <p className={s.maxDiff < 1e-5 ? 'agree' : 'view-error'}>
        Largest difference between the two: {fmt(s.maxDiff, 2)}{' '}
        {s.maxDiff < 1e-5 ? '— they agree (float32 rounding).' : '— they disagree!'}
        {s.engineB && <> The bias gradient ∂L/∂β₀ is Ŷ − Y itself.</>}
      </p>
    </section>
  );
}

/** The view (data-testid="values-view"). */
export function ValuesView() {
  const [example, setExample] = useState(0);
  const { data, error } = useViewData<'values'>({ kind: 'values', example });
  const r = data?.record;
  const rows = data?.rows ?? 1;
  const go = (i: number) => setExample(Math.min(Math.max(0, i), rows - 1));
  return (
    <div
      className="values-view"
      data-testid="values-view"
      data-step={data?.step ?? ''}
      data-example={r?.example ?? ''}
    >
      <div className="view-controls">
        <button type="button" className="tool" onClick={() => go(example - 1)} disabled={example === 0}>
          ◀
        </button>
        <label>
          Example{' '}
          <input
            type="number"
            data-testid="values-example"
            min={1}
            max={rows}
            value={example + 1}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v)) go(v - 1);
            }}
          />{' '}
          of {rows}
        </label>
        <button type="button" className="tool" onClick={() => go(example + 1)} disabled={example >= rows - 1}>
          ▶
        </button>
        {r && (
          <span className="muted">
            loss {fmt(r.loss, 4)} · step {data.step}
          </span>
        )}
      </div>
      {error && (
        <p className="view-error" role="alert">
          {error}
        </p>
      )}
      {r?.softmax && <Derivation s={r.softmax} />}
      {r && (
        <div className="values-columns">
          <section>
            <h3>Forward: each node's output</h3>
            {r.nodes.map((n) => (
              <figure key={n.id} className="values-item" data-testid={`values-node-${n.id}`}>
                <figcaption>
                  <code>{n.id}</code> <span className="muted">{n.type}</span>
                </figcaption>
                <MatrixView m={n.value} />
              </figure>
            ))}
          </section>
          <section>
            <h3>Backward: the gradient each edge carries</h3>
            {[...r.edges].reverse().map((e) => (
              <figure key={e.id} className="values-item" data-testid={`values-edge-${e.id}`}>
                <figcaption>
                  ∂L/∂(<code>{e.source}</code>) sent back by <code>{e.target}</code>
                </figcaption>
                <MatrixView m={e.grad} />
              </figure>
            ))}
          </section>
        </div>
      )}
      {!r && !error && <Pending />}
    </div>
  );
}
