// View preferences that are not part of the design: presenter mode. Kept apart from the graph store so
// toggling it is never an undo step, and remembered in localStorage so a lecturer's reload keeps it.
import { create } from 'zustand';

const KEY = 'backprop-studio:presenter';

/** The view state. */
export interface ViewState {
  /** presenter mode: palette, inspector and minimap hidden, large type, high contrast */
  presenter: boolean;
}

function readPresenter(): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/** The view store. */
export const useView = create<ViewState>(() => ({ presenter: readPresenter() }));

/** Turns presenter mode on or off (and remembers it). */
export function setPresenter(on: boolean): void {
  useView.setState({ presenter: on });
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // storage blocked: the mode still switches for this page
  }
}

/** Flips presenter mode. */
export function togglePresenter(): void {
  setPresenter(!useView.getState().presenter);
}
