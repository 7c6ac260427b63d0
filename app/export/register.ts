// Plugs the Export menu into the toolbar (before the training controls).
import './export.css';
import { registerToolbarItem } from '../slots/toolbar.ts';
import { ExportMenu } from './ExportMenu.tsx';

/** Registers the Export menu; call once at start-up. */
export function registerExport(): void {
  registerToolbarItem({ id: 'export', order: 5, Component: ExportMenu });
}
