// One toast at a time, bottom centre. Info fades after a few seconds; errors stay until closed or replaced,
// because a refused file or connection deserves to be read.
import { runAction } from '../actions/registry.ts';
import { useEffect } from 'react';
import { dismissToast, useStudio } from '../store/store.ts';

/** Milliseconds an info toast stays. */
export const INFO_TOAST_MS = 3500;

/** The toast area. */
export function Toast() {
  const toast = useStudio((s) => s.toast);
  useEffect(() => {
    if (!toast || toast.kind === 'error') return;
    const t = setTimeout(dismissToast, INFO_TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);
  if (!toast) return null;
  return (
    <div
      className={`toast ${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-kind={toast.kind}
    >
      <div className="toast-text">{toast.text}</div>
      <button
        type="button"
        className="toast-close"
        aria-label="Close"
        data-testid="toast-close"
        onClick={() => runAction('dismissToast')}
      >
        ×
      </button>
    </div>
  );
}
