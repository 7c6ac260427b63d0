// Global keyboard shortcuts -> the action table. Keys typed into a field (inputs, the JSON editor) are
// left alone, so Ctrl+Z in Monaco undoes text, Backspace deletes a character and T types a T. While a
// dialog is open only the actions marked `inDialog` (Escape closes it) run.
import { useEffect } from 'react';
import { useStudio } from '../store/store.ts';
import { actionForKey, applyAction } from './registry.ts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.closest) return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

/** Installs the shortcuts for the app's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = actionForKey(e);
      if (!action) return;
      // the store's dialogs and any other modal (the teacher's Challenge dialog)
      const dialog = useStudio.getState().dialog !== null || !!document.querySelector('[aria-modal="true"]');
      if (dialog ? !action.inDialog : isTyping(e.target)) return;
      // Only a key that did something is taken from the browser (PageDown still scrolls a panel
      // when no lesson is open).
      if (applyAction(action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
