// The layout: toolbar on top; palette | canvas | inspector; the tabbed bottom panel under the canvas.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { useShortcuts } from './actions/useShortcuts.ts';
import { Canvas } from './canvas/Canvas.tsx';
import { BottomPanel } from './panels/BottomPanel.tsx';
import { Dialogs } from './panels/Dialogs.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { Palette } from './panels/Palette.tsx';
import { Toolbar } from './panels/Toolbar.tsx';
import { useStudio } from './store/store.ts';

/** The whole app. */
export function App() {
  const theme = useStudio((s) => s.theme);
  useShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <ReactFlowProvider>
      <div className="app" data-testid="app">
        <Toolbar />
        <Palette />
        <main className="centre">
          <Canvas />
          <BottomPanel />
        </main>
        <Inspector />
        <Dialogs />
      </div>
    </ReactFlowProvider>
  );
}
