// Extra views rendered inside every canvas node card, below its badges (e.g. the training panel's
// per-time-step gradient strip on recurrent nodes). Each addon decides itself whether it shows.
import type { ComponentType } from 'react';
import { create } from 'zustand';

/** Props every node addon gets. */
export interface NodeAddonProps {
  nodeId: string;
  /** the node's type, e.g. "RNN" */
  nodeType: string;
}

/** One registered addon. */
export interface NodeAddon {
  id: string;
  Component: ComponentType<NodeAddonProps>;
}

/** Registered addons by id. */
export const useNodeAddons = create<{ addons: Record<string, NodeAddon> }>(() => ({ addons: {} }));

/** Adds or replaces a node addon (same id replaces). */
export function registerNodeAddon(addon: NodeAddon): void {
  useNodeAddons.setState((s) => ({ addons: { ...s.addons, [addon.id]: addon } }));
}
