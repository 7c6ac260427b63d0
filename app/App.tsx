// The layout: toolbar on top; palette | (canvas over the tabbed bottom panel) | inspector, as resizable,
// collapsible panels (react-resizable-panels). Presenter mode drops the side panels and the minimap and
// gives the canvas and the charts the screen, in large type and high contrast.
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useShortcuts } from './actions/useShortcuts.ts';
import { Canvas } from './canvas/Canvas.tsx';
import { RAIL_PX, SidePanel } from './layout/SidePanel.tsx';
import { BottomPanel } from './panels/BottomPanel.tsx';
import { Dialogs } from './panels/Dialogs.tsx';
import { Inspector } from './panels/Inspector.tsx';
import { LessonPlayer } from './lessons/course/LessonPlayer.tsx';
import { useCourse } from './lessons/course/store.ts';
import { Palette } from './panels/Palette.tsx';
import { Toolbar } from './panels/Toolbar.tsx';
import { useStudio } from './store/store.ts';
import { useView } from './store/view.ts';
import { ViewWindow } from './views/ViewWindow.tsx';

/** Canvas over bottom panel; the split is remembered per mode (presenter gives the charts more). */
function Centre({ presenter }: { presenter: boolean }) {
  const saved = useDefaultLayout({ id: presenter ? 'centre-presenter' : 'centre', storage: localStorage });
  return (
    <Group orientation="vertical" id="centre-split" className="centre" {...saved}>
      <Panel id="canvas" minSize={140} className="centre-canvas">
        <Canvas />
      </Panel>
      <Separator className="split-handle horizontal" data-testid="panel-resize" />
      <Panel
        id="bottom"
        defaultSize={presenter ? '48%' : '42%'}
        minSize={130}
        maxSize="75%"
        className="centre-bottom"
        data-testid="panel-bottom"
      >
        <BottomPanel />
      </Panel>
    </Group>
  );
}

/** First-visit side panel widths for this window (px): a narrow window (a 1280 px screen at 150 %
 *  zoom) starts with the palette folded to its rail, so the canvas and the chart keep their room. */
function defaultWidths(): { palette: number; inspector: number; lesson: number } {
  const w = window.innerWidth;
  return {
    lesson: Math.round(Math.min(380, Math.max(240, 0.25 * w))),
    palette: w < 1000 ? RAIL_PX : Math.round(Math.min(220, Math.max(160, 0.16 * w))),
    inspector: Math.round(Math.min(330, Math.max(230, 0.24 * w))),
  };
}

/** The whole app. */
export function App() {
  const theme = useStudio((s) => s.theme);
  const presenter = useView((s) => s.presenter);
  // A teacher's challenge may hide the palette or the inspector (graph-schema/challenge.ts).
  const hidden = useStudio((s) => (s.graph.challenge?.hide ?? []).join(' ')).split(' ');
  // An open lesson takes the left panel (in presenter mode too: the class reads its caption there).
  const lessonOpen = useCourse((s) => s.lessonId !== null);
  const showPalette = !presenter && !lessonOpen && !hidden.includes('palette');
  const showInspector = !presenter && !hidden.includes('inspector');
  useShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.presenter = String(presenter);
  }, [theme, presenter]);
  const left = lessonOpen ? ['lesson'] : showPalette ? ['palette'] : [];
  const ids = [...left, 'centre', ...(showInspector ? ['inspector'] : [])];
  const saved = useDefaultLayout({ id: 'workspace', panelIds: ids, storage: localStorage });
  const widths = defaultWidths();
  return (
    <ReactFlowProvider>
      <div className="app" data-testid="app" data-presenter={presenter}>
        <Toolbar />
        <Group orientation="horizontal" id="workspace" className="workspace" {...saved}>
          {lessonOpen && (
            <SidePanel id="lesson" title="Lesson" side="left" defaultPx={widths.lesson} minPx={220}>
              <LessonPlayer />
            </SidePanel>
          )}
          {lessonOpen && <Separator className="split-handle vertical" data-testid="lesson-resize" />}
          {showPalette && (
            <SidePanel id="palette" title="Layers" side="left" defaultPx={widths.palette} minPx={150}>
              <Palette />
            </SidePanel>
          )}
          {showPalette && <Separator className="split-handle vertical" data-testid="palette-resize" />}
          <Panel id="centre" minSize={300} className="workspace-centre">
            <Centre presenter={presenter} />
          </Panel>
          {showInspector && <Separator className="split-handle vertical" data-testid="inspector-resize" />}
          {showInspector && (
            <SidePanel id="inspector" title="Inspector" side="right" defaultPx={widths.inspector} minPx={220}>
              <Inspector />
            </SidePanel>
          )}
        </Group>
        <Dialogs />
        <ViewWindow />
      </div>
    </ReactFlowProvider>
  );
}
