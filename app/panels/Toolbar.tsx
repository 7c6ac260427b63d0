// The top bar: File menu and Examples, undo/redo, View menu and Present, then the registered extras
// (Recent, Lessons, PyTorch · Keras, the training controls). One row on a 1280-pixel screen: commands
// used now and then sit in the File and View menus (ToolbarMenu). Every button and menu item runs an
// entry of the action table (actions/registry.ts), the same one its keyboard shortcut runs.
import type { ChangeEvent } from 'react';
import { ACTIONS, type ActionName, ariaKeysOf, runAction, tooltipOf } from '../actions/registry.ts';
import { useToolbarItems } from '../slots/toolbar.ts';
import { useStudio } from '../store/store.ts';
import { useView } from '../store/view.ts';
import { ToolbarMenu } from './ToolbarMenu.tsx';

function ActionButton({
  id,
  testId,
  disabled,
  pressed,
  editOnly,
  icon,
}: {
  id: ActionName;
  testId?: string;
  disabled?: boolean;
  pressed?: boolean;
  /** hidden in presenter mode (file and editing commands a lecture does not need on screen) */
  editOnly?: boolean;
  /** shown instead of the label, which becomes the accessible name */
  icon?: string;
}) {
  return (
    <button
      type="button"
      className={icon ? 'tool icon' : 'tool'}
      data-testid={testId ?? `toolbar-${id}`}
      title={tooltipOf(id)}
      aria-label={icon ? ACTIONS[id].label : undefined}
      aria-keyshortcuts={ariaKeysOf(id)}
      disabled={disabled}
      aria-pressed={pressed}
      data-edit-only={editOnly || undefined}
      onClick={() => runAction(id)}
    >
      {icon ?? ACTIONS[id].label}
    </button>
  );
}

function onFilePicked(e: ChangeEvent<HTMLInputElement>): void {
  const file = e.target.files?.[0];
  // Reset so picking the same file again still fires a change.
  e.target.value = '';
  if (file) runAction('openFile', file);
}

/** The toolbar. */
export function Toolbar() {
  const canUndo = useStudio((s) => s.history.past.length > 0);
  const canRedo = useStudio((s) => s.history.future.length > 0);
  const theme = useStudio((s) => s.theme);
  const name = useStudio((s) => s.graph.name);
  const presenter = useView((s) => s.presenter);
  const extras = Object.values(useToolbarItems((s) => s.items)).sort((a, b) => a.order - b.order);
  return (
    <header className="toolbar">
      <span className="brand" data-edit-only>
        Backprop Studio
      </span>
      <span
        className="graph-title"
        title={`${name} (edit the name in the inspector)`}
        data-testid="graph-title"
      >
        {name}
      </span>
      <div className="tool-group">
        <ToolbarMenu
          label="File"
          testId="toolbar-file"
          title="New graph, import a graph JSON file, share link"
          editOnly
          items={[
            { action: 'new', testId: 'toolbar-new' },
            { action: 'import', testId: 'toolbar-import', label: 'Import JSON…' },
            { action: 'share', testId: 'toolbar-share', label: 'Share link…' },
          ]}
        />
        {/* export-json is a contract hook (ARCHITECTURE.md): a button on the bar, not in a menu */}
        <ActionButton id="export" testId="export-json" editOnly />
        <ActionButton id="examples" />
        <input
          id="import-file-input"
          type="file"
          accept=".json,application/json"
          data-testid="import-json"
          className="visually-hidden"
          tabIndex={-1}
          onChange={onFilePicked}
        />
      </div>
      <div className="tool-group">
        <ActionButton id="undo" icon="↶" disabled={!canUndo} />
        <ActionButton id="redo" icon="↷" disabled={!canRedo} />
      </div>
      <div className="tool-group">
        <ToolbarMenu
          label="View"
          testId="toolbar-view"
          title="Auto-layout, fit the graph to the screen, light or dark theme, keyboard shortcuts"
          items={[
            { action: 'layout', testId: 'toolbar-layout', editOnly: true },
            { action: 'fit', testId: 'toolbar-fit' },
            {
              action: 'theme',
              testId: 'toolbar-theme',
              label: theme === 'dark' ? 'Light theme' : 'Dark theme',
            },
            { action: 'keys', testId: 'toolbar-keys', label: 'Keyboard shortcuts', editOnly: true },
          ]}
        />
        <ActionButton id="presenter" testId="presenter-toggle" pressed={presenter} />
      </div>
      <div className="tool-group extras">
        {extras.map((x) => (
          <x.Component key={x.id} />
        ))}
      </div>
    </header>
  );
}
