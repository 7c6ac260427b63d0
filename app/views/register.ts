// Plugs the views into the designer: view buttons on every node card (each node decides which views it
// offers, kinds.ts). The window itself is mounted by App; the inspector renders the same buttons.
import './views.css';
import { registerNodeAddon } from '../slots/nodeAddons.ts';
import { NodeViewButtons } from './ViewButtons.tsx';

/** Registers the card buttons; call once at start-up. */
export function registerViews(): void {
  registerNodeAddon({ id: 'views', Component: NodeViewButtons });
}
