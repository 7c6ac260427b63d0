// Plugs the training part into the designer's slots: the toolbar controls (which also host the lesson
// view), the Training and "Try it" bottom tabs, the per-time-step view inside recurrent nodes, and the
// guard that asks to stop training before the graph is edited.
import './training.css';
import { lazy } from 'react';
import { registerBottomTab } from '../slots/bottomTabs.ts';
import { registerNodeAddon } from '../slots/nodeAddons.ts';
import { registerToolbarItem } from '../slots/toolbar.ts';
import { hideOtherModels, hydrateRuns } from '../runs/store.ts';
import { useStudio } from '../store/store.ts';
import { killWorker, redrawOverlays, setStallMs, simulateWorkerFault } from './controller.ts';
import { installEditGuard } from './guard.ts';
import { installReplay } from './replayHook.ts';
import { useTraining } from './store.ts';
import { TrainControls } from './TrainControls.tsx';
import { NodeTimesteps } from './TimestepView.tsx';

declare global {
  interface Window {
    /** test and lecture hooks: kill the training worker to see the crash handling; make it close itself
     *  or fall silent, with a shorter watchdog, to see the stall handling */
    __backpropTraining?: {
      killWorker: () => void;
      simulateWorkerFault: (kind: 'close' | 'silence') => void;
      setStallMs: (ms: number) => void;
    };
  }
}

/** Registers everything; call once at start-up. */
export function registerTraining(): void {
  registerToolbarItem({ id: 'training', order: 10, Component: TrainControls });
  registerBottomTab({
    id: 'training',
    title: 'Training',
    order: 5,
    Component: lazy(() => import('./TrainingTab.tsx')),
  });
  registerBottomTab({
    id: 'inference',
    title: 'Try it',
    order: 6,
    Component: lazy(() => import('../inference/InferenceTab.tsx')),
  });
  registerNodeAddon({ id: 'timesteps', Component: NodeTimesteps });
  installEditGuard();
  installReplay(redrawOverlays);
  window.__backpropTraining = { killWorker, simulateWorkerFault, setStallMs };
  // The palette uses a different stretch per theme (see palette.ts): recolour when it changes.
  useStudio.subscribe((s, prev) => {
    if (s.theme !== prev.theme && useTraining.getState().info) redrawOverlays();
    // Another model on the canvas: runs of other models leave the chart (they stay in the runs list).
    if (s.graph !== prev.graph) hideOtherModels(s.graph);
  });
  void hydrateRuns(() => useStudio.getState().graph);
}
