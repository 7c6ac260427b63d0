// A built-in dataset's options (numbers and switches with their ranges), written into the graph's
// training.dataset.options as one undoable edit each. Out-of-range input is refused with the range.
import { useState } from 'react';
import type { BuiltinInfo, OptionSpec } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { runAction } from '../actions/registry.ts';

type Training = NonNullable<Graph['training']>;

/** The value of a typed option, or why it is refused. */
export function checkOption(
  spec: OptionSpec,
  raw: string,
): { ok: true; value: number } | { ok: false; reason: string } {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v))
    return { ok: false, reason: `${spec.label} must be a number` };
  if (spec.kind === 'int' && !Number.isInteger(v))
    return { ok: false, reason: `${spec.label} must be a whole number` };
  if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
    return { ok: false, reason: `${spec.label} must be between ${spec.min} and ${spec.max}` };
  }
  return { ok: true, value: v };
}

function NumberOption({
  spec,
  value,
  onSet,
}: {
  spec: OptionSpec;
  value: number;
  onSet: (v: number) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const r = checkOption(spec, text);
    if (!r.ok) return setError(r.reason);
    setError(null);
    setText(null);
    if (r.value !== value) onSet(r.value);
  };
  return (
    <label className="option" title={spec.help}>
      <span className="small muted">{spec.label}</span>
      <input
        data-testid={`dataset-option-${spec.name}`}
        value={text ?? String(value)}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
        aria-invalid={error !== null}
      />
      {error && <span className="small error-text">{error}</span>}
    </label>
  );
}

/** The options form of one built-in dataset. */
export function OptionsForm({ info, training }: { info: BuiltinInfo; training: Training }) {
  const options = (training.dataset.options ?? {}) as Record<string, unknown>;
  const set = (name: string, v: unknown) =>
    runAction('setTraining', {
      label: `Set dataset ${name}`,
      training: { ...training, dataset: { ...training.dataset, options: { ...options, [name]: v } } },
    });
  return (
    <div className="dataset-options">
      <div className="muted small">{info.description}</div>
      <div className="option-grid">
        {info.options
          .filter((o) => o.name !== 'seed')
          .map((o) =>
            o.kind === 'boolean' ? (
              <label key={o.name} className="option" title={o.help}>
                <input
                  type="checkbox"
                  data-testid={`dataset-option-${o.name}`}
                  checked={Boolean(options[o.name] ?? o.default)}
                  onChange={(e) => set(o.name, e.target.checked)}
                />
                <span className="small muted">{o.label}</span>
              </label>
            ) : (
              <NumberOption
                key={o.name}
                spec={o}
                value={Number(options[o.name] ?? o.default)}
                onSet={(v) => set(o.name, v)}
              />
            ),
          )}
      </div>
      <div className="muted small">Fits: {info.suits}</div>
    </div>
  );
}
