// Typed inputs shared by the inspector: a draft is kept while typing and committed on Enter or blur;
// a refused value stays visible with the reason under it (and the graph keeps the last good value).
// An edit the app declines (the user cancels "Stop training to apply …?") puts the graph's value back,
// as Escape does, so the field never shows a value the graph does not have and the question is asked once.
import { type ReactNode, useEffect, useId, useState } from 'react';
import type { ActionResult } from '../actions/types.ts';
import type { FieldCheck } from '../model/paramSpecs.ts';

interface TextFieldProps {
  label: string;
  testId: string;
  value: string;
  hint?: string;
  check: (raw: string) => FieldCheck;
  /** Applies the value through runAction; undefined means it was not applied (a guard declined it), and
   *  the field shows the graph's value again. */
  onCommit: (value: unknown) => ActionResult | undefined;
}

/** A text/number field checked on commit. */
export function CheckedField({ label, testId, value, hint, check, onCommit }: TextFieldProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // A new value from outside (undo, JSON editor) replaces the draft.
  useEffect(() => {
    setDraft(value);
    setError(null);
  }, [value]);
  const commit = () => {
    if (draft === value) return setError(null);
    const r = check(draft);
    if (!r.ok) return setError(r.reason);
    setError(null);
    if (onCommit(r.value) === undefined) setDraft(value);
  };
  return (
    <Row label={label} htmlFor={id} hint={hint} error={error} testId={testId}>
      <input
        id={id}
        data-testid={testId}
        className={error ? 'invalid' : ''}
        aria-invalid={error ? true : undefined}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(value);
            setError(null);
          }
        }}
      />
    </Row>
  );
}

interface SelectFieldProps {
  label: string;
  testId: string;
  value: string;
  options: readonly string[];
  hint?: string;
  onCommit: (value: string) => void;
}

/** An enum field: only the allowed values can be picked. */
export function SelectField({ label, testId, value, options, hint, onCommit }: SelectFieldProps) {
  const id = useId();
  return (
    <Row label={label} htmlFor={id} hint={hint} error={null} testId={testId}>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onCommit(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Row>
  );
}

interface BoolFieldProps {
  label: string;
  testId: string;
  value: boolean;
  hint?: string;
  onCommit: (value: boolean) => void;
}

/** A checkbox field. */
export function BoolField({ label, testId, value, hint, onCommit }: BoolFieldProps) {
  const id = useId();
  return (
    <Row label={label} htmlFor={id} hint={hint} error={null} testId={testId} inline>
      <input
        id={id}
        type="checkbox"
        data-testid={testId}
        checked={value}
        onChange={(e) => onCommit(e.target.checked)}
      />
    </Row>
  );
}

function Row(props: {
  label: string;
  htmlFor: string;
  hint?: string;
  error: string | null;
  testId: string;
  inline?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${props.inline ? ' inline' : ''}`}>
      <label htmlFor={props.htmlFor} title={props.hint}>
        {props.label}
      </label>
      {props.children}
      {props.error && (
        <div className="field-error" role="alert" data-testid={`${props.testId}-error`}>
          {props.error}
        </div>
      )}
    </div>
  );
}
