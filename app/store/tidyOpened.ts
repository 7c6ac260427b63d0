// A graph just opened from a file or a share link whose cards overlap (written by hand, or by a tool
// that assumes smaller cards) is laid out the way the Examples dialog lays out examples, as an undo step
// of its own: Undo puts the cards back exactly where the file had them.
import { tidyIfCramped } from '../model/layout.ts';
import { replaceGraph, useStudio } from './store.ts';

/** The undo label of the layout step. */
export const TIDY_LABEL = 'Auto-layout (overlapping cards)';

/** Lays out the current graph if its cards overlap. Returns the sentence for the open toast ('' when
 *  nothing moved). */
export function layOutIfCramped(): string {
  const graph = useStudio.getState().graph;
  const tidy = tidyIfCramped(graph);
  if (tidy === graph) return '';
  replaceGraph(TIDY_LABEL, tidy, { baseline: true });
  if (useStudio.getState().graph !== tidy) return ''; // the edit guard declined
  return 'Its cards overlapped, so they were laid out left to right (Undo puts them back where they were saved).';
}
