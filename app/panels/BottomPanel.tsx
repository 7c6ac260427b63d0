// The bottom panel: tabs from the registry in slots/bottomTabs.ts (Summary and JSON here; the training
// panel adds its own). Only the active tab is mounted, so a lazy tab loads when first opened.
import { Suspense, useRef } from 'react';
import { sortedTabs, useBottomTabs } from '../slots/bottomTabs.ts';
import { useStudio } from '../store/store.ts';
import { ResizeHandle, usePanelHeight } from './ResizeHandle.tsx';

/** The tabbed bottom panel. */
export function BottomPanel() {
  const tabs = sortedTabs(useBottomTabs((s) => s.tabs));
  const active = useStudio((s) => s.activeTab);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const [height, setHeight] = usePanelHeight();
  const el = useRef<HTMLElement>(null);
  return (
    <section
      className="bottom-panel"
      aria-label="Panels"
      ref={el}
      style={height !== null ? { flexBasis: height } : undefined}
    >
      <ResizeHandle height={() => el.current?.getBoundingClientRect().height ?? 240} onResize={setHeight} />
      <div className="tab-bar" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === current?.id}
            className={t.id === current?.id ? 'tab active' : 'tab'}
            data-testid={`tab-${t.id}`}
            onClick={() => useStudio.setState({ activeTab: t.id })}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" data-testid={`tab-body-${current?.id ?? 'none'}`}>
        {current && (
          <Suspense fallback={<div className="loading">Loading {current.title}…</div>}>
            <current.Component />
          </Suspense>
        )}
      </div>
    </section>
  );
}
