// The challenge's live state: the dialog, and when the goal was first met on the current graph's run.
import { create } from 'zustand';

export interface ChallengeUi {
  dialogOpen: boolean;
  /** training step at which the goal was first met, or null; cleared when the graph or run changes */
  metAtStep: number | null;
}

export const useChallengeUi = create<ChallengeUi>(() => ({ dialogOpen: false, metAtStep: null }));
