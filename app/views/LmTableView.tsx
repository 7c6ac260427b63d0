// The lecture's next-token table over a text: under each token, the model's top-5 next tokens with
// probabilities; the true next token highlighted where it is among them; each position shaded by its
// loss -ln p(next); the text's perplexity. The text starts as a line of the model's own data.
import { Pending } from './Pending.tsx';
import { useEffect, useRef, useState } from 'react';
import type { LmRow } from '../../engine/index.ts';
import { fmt, showToken } from './format.ts';
import { useViewData } from './useViewData.ts';

/** Typing settles for this long before the table is recomputed. */
const TYPE_DELAY_MS = 400;

function Column({ row, i, maxLoss }: { row: LmRow; i: number; maxLoss: number }) {
  const shade = row.loss === undefined ? 0 : Math.min(1, row.loss / maxLoss);
  return (
    <div
      className="lm-col"
      data-testid={`lm-col-${i}`}
      data-token={row.token}
      data-next-rank={row.nextRank ?? ''}
      data-loss={row.loss ?? ''}
    >
      <div
        className="lm-token"
        style={{ background: `rgba(220, 60, 60, ${(0.75 * shade).toFixed(3)})` }}
        title={
          row.loss === undefined
            ? 'last token: nothing to predict'
            : `loss −ln p(“${row.next}”) = ${fmt(row.loss)}`
        }
      >
        {showToken(row.token)}
      </div>
      {row.top.map((c) => (
        <div
          key={c.token}
          className={`lm-cand${c.token === row.next ? ' hit' : ''}`}
          data-token={c.token}
          data-prob={c.prob}
        >
          <span className="tok">{showToken(c.token)}</span>
          <span className="p">{c.prob.toFixed(2)}</span>
        </div>
      ))}
      {row.next !== undefined && row.nextRank === 0 && (
        <div className="lm-miss" title="the true next token is not in the top 5">
          {showToken(row.next)} {fmt(row.nextProb ?? 0, 2)}
        </div>
      )}
    </div>
  );
}

/** The view (data-testid="lm-table"). */
export function LmTableView() {
  const [text, setText] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  // true once the person typed: live refreshes must never overwrite their text
  const typed = useRef(false);
  const { data, error } = useViewData<'lm-table'>({ kind: 'lm-table', text });
  useEffect(() => {
    if (!typed.current && data) setDraft(data.text);
  }, [data]);
  useEffect(() => {
    if (!typed.current) return;
    const t = setTimeout(() => setText(draft), TYPE_DELAY_MS);
    return () => clearTimeout(t);
  }, [draft]);
  const t = data?.table;
  const maxLoss = Math.max(1, ...(t?.rows.map((r) => r.loss ?? 0) ?? [0]));
  return (
    <div className="lm-view">
      <div className="view-controls">
        <textarea
          className="lm-text"
          data-testid="lm-text"
          rows={2}
          value={draft}
          placeholder="Type or paste a text"
          onChange={(e) => {
            typed.current = true;
            setDraft(e.target.value);
          }}
        />
        <button
          type="button"
          className="tool"
          onClick={() => {
            typed.current = false;
            setText(null);
          }}
          title="Back to a line of the model's data"
        >
          Line of the data
        </button>
      </div>
      {error && (
        <p className="view-error" role="alert">
          {error}
        </p>
      )}
      {t && (
        <p className="lm-summary">
          Perplexity{' '}
          <strong data-testid="lm-perplexity">{t.perplexity === null ? '—' : fmt(t.perplexity, 4)}</strong>{' '}
          <span className="muted">
            over {Math.max(0, t.rows.length - 1)} predictions · step {data.step} · green = the true next token
            · red = loss of the position
          </span>
          {t.unknown.length > 0 && (
            <span className="view-error">
              {' '}
              Not in the vocabulary (left out): {t.unknown.map(showToken).join(' ')}
            </span>
          )}
          {t.truncated && <span className="muted"> (text cut to the first {t.rows.length} tokens)</span>}
        </p>
      )}
      <div
        className="lm-table"
        data-testid="lm-table"
        data-step={data?.step ?? ''}
        data-perplexity={t?.perplexity ?? ''}
        data-columns={t?.rows.length ?? 0}
      >
        {t?.rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in the text
          <Column key={i} row={row} i={i} maxLoss={maxLoss} />
        ))}
      </div>
      {!t && !error && <Pending />}
    </div>
  );
}
