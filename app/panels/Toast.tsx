// One toast at a time, bottom centre. Info fades after a few seconds; errors stay until closed or replaced,
// because a refused file or connection deserves to be read.
// While a modal dialog is open the toast moves into the dialog's layer, above the dialog in the same
// column (ModalToast), so it is read without ever covering the dialog or being hidden behind it.
import { runAction } from '../actions/registry.ts';
import { useEffect } from 'react';
import { create } from 'zustand';
import { dismissToast, useStudio } from '../store/store.ts';

/** Milliseconds an info toast stays. */
export const INFO_TOAST_MS = 3500;

/** How many modal dialogs hold a toast slot now (normally 0 or 1). */
const useModalSlots = create<{ count: number }>(() => ({ count: 0 }));

function ToastBox({ inModal }: { inModal: boolean }) {
  const toast = useStudio((s) => s.toast);
  if (!toast) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only keeps a click from reaching the backdrop
    // biome-ignore lint/a11y/useKeyWithClickEvents: nothing to do with keys here
    <div
      className={`toast ${toast.kind}${inModal ? ' in-modal' : ''}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-kind={toast.kind}
      // in a dialog's backdrop a click would close the dialog
      onClick={inModal ? (e) => e.stopPropagation() : undefined}
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

/** The toast area over the canvas (empty while a modal dialog shows the toast instead). */
export function Toast() {
  const toast = useStudio((s) => s.toast);
  const inModal = useModalSlots((s) => s.count > 0);
  useEffect(() => {
    if (!toast || toast.kind === 'error') return;
    const t = setTimeout(dismissToast, INFO_TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);
  return inModal ? null : <ToastBox inModal={false} />;
}

/** Put inside a modal dialog's backdrop, before the dialog: the toast shows here while it is open. */
export function ModalToast() {
  useEffect(() => {
    useModalSlots.setState((s) => ({ count: s.count + 1 }));
    return () => useModalSlots.setState((s) => ({ count: s.count - 1 }));
  }, []);
  return <ToastBox inModal />;
}
