// Puts the autosave's banner and Recent list into the toolbar's extra slot.
import { registerToolbarItem } from '../slots/toolbar.ts';
import { AutosaveUi } from './AutosaveUi.tsx';

/** Registers the autosave UI (called once from main.tsx). */
export function registerAutosaveUi(): void {
  registerToolbarItem({ id: 'autosave', order: 0, Component: AutosaveUi });
}
