// Inference on text, computed in the worker: a language model's top-5 next tokens after a typed prefix and
// sampling with a temperature; a text classifier's probability for a typed text.
import { useEffect, useState } from 'react';
import { loadedApi } from '../training/controller.ts';
import { useTraining } from '../training/store.ts';

/** Shows a token so spaces and line breaks are visible. */
export function showToken(t: string): string {
  if (t === ' ') return '␣ (space)';
  if (t === '\n') return '↵ (new line)';
  if (t === '') return '∅ (padding)';
  return t;
}

/** The worker's note on typed text the model never saw (null while everything is known). */
function useUnknownTokens(text: string): string | null {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    loadedApi()
      ?.unknownTokens(text)
      .then((r) => alive && setMessage(r?.message ?? null))
      .catch(() => alive && setMessage(null));
    return () => {
      alive = false;
    };
  }, [text]);
  return message;
}

/** Says which typed characters or words the model cannot read, and what it does instead. */
function UnknownTokens({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="small warning-text" role="status" data-testid="oov-warning">
      {message}
    </div>
  );
}

/** Prefix box, top-5 table and sampling for a language model. */
export function NextTokenPanel() {
  const step = useTraining((s) => s.step);
  const [prefix, setPrefix] = useState('ma');
  const [rows, setRows] = useState<{ token: string; prob: number }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [temperature, setTemperature] = useState(0.8);
  // null until Sample is pressed; '' when the model ended the text at once (it chose the end marker)
  const [sampled, setSampled] = useState<string | null>(null);
  const unknown = useUnknownTokens(prefix);
  // Ask again when the prefix changes or training moved on by 20 steps.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step bucket is a refresh trigger
  useEffect(() => {
    let alive = true;
    const api = loadedApi();
    if (!api) return;
    api
      .topK(prefix, 5)
      .then((r) => {
        if (!alive) return;
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => alive && setError(String((e as Error).message ?? e)));
    return () => {
      alive = false;
    };
  }, [prefix, Math.floor(step / 20)]);
  const sample = async () => {
    const api = loadedApi();
    if (!api) return;
    const seed = Math.floor(Math.random() * 2 ** 31);
    setSampled(await api.sample(prefix, 40, temperature, seed).catch((e: unknown) => `(${String(e)})`));
  };
  return (
    <div className="next-token" data-testid="next-token-panel">
      <label className="small">
        Prefix <input data-testid="lm-prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
      </label>
      <UnknownTokens message={unknown} />
      {error && <div className="small error-text">{error}</div>}
      <table className="top5" data-testid="top5-table">
        <thead>
          <tr>
            <th>next token</th>
            <th>probability</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.token} data-testid="top5-row" data-token={r.token} data-prob={r.prob}>
              <td>
                <code>{showToken(r.token)}</code>
              </td>
              <td>
                <span className="prob-bar" style={{ width: `${Math.round(r.prob * 100)}%` }} />{' '}
                {(r.prob * 100).toFixed(1)} %
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="sample-row">
        <label className="small" title="below 1 sharpens the distribution, above 1 flattens it">
          temperature {temperature.toFixed(1)}{' '}
          <input
            type="range"
            min={0.1}
            max={2}
            step={0.1}
            value={temperature}
            data-testid="lm-temperature"
            onChange={(e) => setTemperature(Number(e.target.value))}
          />
        </label>
        <button type="button" className="tool" data-testid="lm-sample" onClick={() => void sample()}>
          Sample up to 40 tokens
        </button>
      </div>
      {sampled !== null && (
        <div className="sampled" data-testid="lm-sampled" data-text={sampled}>
          <span className="muted">{prefix}</span>
          {sampled ? (
            <strong>{sampled}</strong>
          ) : (
            <em className="small"> (nothing: the model ended it at once with the end marker; sample again)</em>
          )}
        </div>
      )}
    </div>
  );
}

/** Text box and predicted probability for a text classifier. */
export function TextClassifierPanel() {
  const names = useTraining((s) => s.info?.classNames);
  const step = useTraining((s) => s.step);
  const [text, setText] = useState('Win a free prize now, click here!');
  const [probs, setProbs] = useState<number[]>([]);
  const unknown = useUnknownTokens(text);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the step bucket is a refresh trigger
  useEffect(() => {
    let alive = true;
    loadedApi()
      ?.classify(text)
      .then((p) => alive && setProbs(p))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [text, Math.floor(step / 20)]);
  const rows = probs.length === 1 ? [1 - probs[0], probs[0]] : probs;
  return (
    <div className="text-classifier" data-testid="text-classifier">
      <textarea data-testid="classify-text" value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      <UnknownTokens message={unknown} />
      <table className="top5">
        <tbody>
          {rows.map((p, k) => (
            <tr key={names?.[k] ?? k} data-testid="class-prob" data-prob={p}>
              <td>{names?.[k] ?? `class ${k}`}</td>
              <td>{(p * 100).toFixed(1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
