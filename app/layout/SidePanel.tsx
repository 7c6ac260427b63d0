// A collapsible, resizable side panel (palette or inspector) inside the workspace's panel group. Collapsed,
// it keeps a narrow rail with its title and an expand button: a panel never shrinks to nothing.
import { type ReactNode, useState } from 'react';
import { Panel, usePanelRef } from 'react-resizable-panels';

/** Width of a collapsed panel's rail in px. */
export const RAIL_PX = 34;

/** One side panel; `side` decides which way the collapse arrow points. */
export function SidePanel({
  id,
  title,
  side,
  defaultPx,
  minPx,
  children,
}: {
  id: string;
  title: string;
  side: 'left' | 'right';
  defaultPx: number;
  minPx: number;
  children: ReactNode;
}) {
  const ref = usePanelRef();
  const [collapsed, setCollapsed] = useState(false);
  const inward = side === 'left' ? '‹' : '›';
  const outward = side === 'left' ? '›' : '‹';
  return (
    <Panel
      id={id}
      panelRef={ref}
      className={`side-panel side-${side}${collapsed ? ' collapsed' : ''}`}
      data-testid={`panel-${id}`}
      data-collapsed={collapsed}
      defaultSize={defaultPx}
      minSize={minPx}
      maxSize="40%"
      collapsible
      collapsedSize={RAIL_PX}
      groupResizeBehavior="preserve-pixel-size"
      onResize={(size) => setCollapsed(size.inPixels <= RAIL_PX + 1)}
    >
      {collapsed ? (
        <button
          type="button"
          className="side-rail"
          data-testid={`expand-${id}`}
          title={`Show the ${title.toLowerCase()}`}
          onClick={() => ref.current?.expand()}
        >
          <span aria-hidden="true">{outward}</span>
          <span className="side-rail-title">{title}</span>
        </button>
      ) : (
        <>
          <button
            type="button"
            className={`side-collapse side-collapse-${side}`}
            data-testid={`collapse-${id}`}
            title={`Hide the ${title.toLowerCase()} (drag its edge to resize)`}
            aria-label={`Hide the ${title.toLowerCase()}`}
            onClick={() => ref.current?.collapse()}
          >
            {inward}
          </button>
          {children}
        </>
      )}
    </Panel>
  );
}
