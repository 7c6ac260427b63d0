// What the autosave banner shows: the one autosave problem the user must know about, if any.
import { create } from 'zustand';

/** A problem with the autosave, each with what the user can do about it. */
export type AutosaveProblem =
  /** the saved copy could not be opened; it was kept aside (or could not be: autosave is paused) */
  | {
      kind: 'refused';
      reason: 'damaged' | 'newer' | 'invalid';
      message: string;
      text: string;
      keptAside: boolean;
    }
  /** another tab saved a different graph while this one has its own changes */
  | { kind: 'conflict'; theirs: string }
  /** the browser refused the write (storage full or blocked) */
  | { kind: 'quota'; message: string };

export interface AutosaveState {
  problem: AutosaveProblem | null;
  /** autosave writes nothing while paused (a conflict, or a copy that could not be kept aside) */
  paused: boolean;
  /** the recent-graphs list is open */
  recentOpen: boolean;
  /** other tabs of the app open now (told over the tabs channel) */
  otherTabs: number;
}

export const useAutosave = create<AutosaveState>(() => ({
  problem: null,
  paused: false,
  recentOpen: false,
  otherTabs: 0,
}));
