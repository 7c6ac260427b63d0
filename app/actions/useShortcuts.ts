// Global keyboard shortcuts -> the action table. Keys typed into a field (inputs, the JSON editor) are
// left alone, so Ctrl+Z in Monaco undoes text and Backspace in a field deletes a character.
import { useEffect } from 'react';
import { useStudio } from '../store/store.ts';
import { actionForKey, runAction } from './registry.ts';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.closest) return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

/** Installs the shortcuts for the app's lifetime. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && useStudio.getState().dialog) {
        useStudio.setState({ dialog: null });
        return;
      }
      if (isTyping(e.target) || useStudio.getState().dialog) return;
      // Enter on a focused palette item is a click (native button behaviour); nothing to do here.
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault();
      runAction(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
