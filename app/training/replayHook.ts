// Feeds the replay from the training store: every new gradient report of the live run is kept; a new run
// (the step going back, or a cleared run) starts the replay over; moving the scrubber redraws overlays.
import { recordSnapshot, resetReplay, useReplay } from './replay.ts';
import { useTraining } from './store.ts';

/** Starts recording; `redraw` redraws the canvas overlays. */
export function installReplay(redraw: () => void): void {
  useTraining.subscribe((s, prev) => {
    if (s.step < prev.step || s.info !== prev.info || (s.phase === 'idle' && prev.phase !== 'idle')) {
      resetReplay();
    }
    const fresh =
      (s.edges !== prev.edges && Object.keys(s.edges).length > 0) || s.timesteps !== prev.timesteps;
    if (fresh && s.step > 0) {
      recordSnapshot({
        step: s.step,
        loss: s.loss,
        gradNorm: s.gradNorm,
        edges: s.edges,
        params: s.params,
        timesteps: s.timesteps,
        divergence: s.divergence,
      });
    }
  });
  useReplay.subscribe((r, prev) => {
    if (r.at !== prev.at || (r.at !== null && r.snapshots !== prev.snapshots)) redraw();
  });
}
