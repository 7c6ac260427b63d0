// The bottom panel: tabs from the registry in slots/bottomTabs.ts (Summary and JSON here; the training
// panel adds its own). Only the active tab is mounted, so a lazy tab loads when first opened. Its height is
// set by the centre split in App.tsx (drag the bar above it, or focus it and use the arrow keys).
import { runAction } from '../actions/registry.ts';
import { Suspense } from 'react';
import { sortedTabs, useBottomTabs } from '../slots/bottomTabs.ts';
import { useStudio } from '../store/store.ts';

/** The tabbed bottom panel. */
export function BottomPanel() {
  const tabs = sortedTabs(useBottomTabs((s) => s.tabs));
  const active = useStudio((s) => s.activeTab);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <section className="bottom-panel" aria-label="Panels">
      <div className="tab-bar" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === current?.id}
            className={t.id === current?.id ? 'tab active' : 'tab'}
            data-testid={`tab-${t.id}`}
            onClick={() => runAction('showTab', t.id)}
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
