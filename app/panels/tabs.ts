// The designer's own bottom tabs. The JSON tab is lazy: Monaco (~5 MB) loads when it is first opened.
import { lazy } from 'react';
import { registerBottomTab } from '../slots/bottomTabs.ts';
import SummaryTab from './SummaryTab.tsx';

/** Registers Summary (order 10) and JSON (order 20). */
export function registerDesignerTabs(): void {
  registerBottomTab({ id: 'summary', title: 'Summary', order: 10, Component: SummaryTab });
  registerBottomTab({
    id: 'json',
    title: 'JSON',
    order: 20,
    Component: lazy(() => import('../json/JsonEditor.tsx')),
  });
}
