// Editing the graph while it trains: the weights in the worker belong to the old graph, so a change to
// anything but node positions asks to stop first. Moving nodes around never interrupts training.
import type { Graph } from '../../graph-schema/schema.ts';
import { setEditGuard, showToast } from '../store/store.ts';
import { discardRun } from './controller.ts';
import { isActive, useTraining } from './store.ts';

/** The graph without node positions (what training depends on), as a comparable string. */
export function trainingKey(g: Graph): string {
  return JSON.stringify({ ...g, name: '', nodes: g.nodes.map((n) => ({ ...n, position: null })) });
}

/** True when `next` differs from `current` in more than node positions and the name. */
export function changesTraining(next: Graph, current: Graph): boolean {
  return trainingKey(next) !== trainingKey(current);
}

/** Installs the guard; `ask` is window.confirm in the app (injected for tests). */
export function installEditGuard(ask: (question: string) => boolean = (q) => window.confirm(q)): void {
  setEditGuard((label, next, current) => {
    if (!changesTraining(next, current)) return true;
    const { phase, step } = useTraining.getState();
    // Paused at step 0 (after Reset, or loaded but not yet stepped) there is nothing trained to lose.
    if (isActive(phase) && (phase !== 'paused' || step > 0)) {
      const ok = ask(
        `Training is ${phase === 'paused' ? 'paused' : 'running'} on this graph. Stop training to apply "${label}"?\n` +
          'The trained weights and the loss chart are dropped.',
      );
      if (!ok) {
        // Said, not only undone: an embedded browser answers the question itself (always "Cancel").
        showToast(`"${label}" was not applied: training goes on. Stop training first to change the graph.`);
        return false;
      }
    }
    // Gradients of the old graph no longer describe the new one.
    if (phase !== 'idle') discardRun();
    return true;
  });
}
