// The top bar: file actions, undo/redo, layout and view, theme. Every button runs an entry of the action
// table (actions/registry.ts), the same one its keyboard shortcut runs.
import type { ChangeEvent } from 'react';
import { ACTIONS, type ActionName, ariaKeysOf, runAction, tooltipOf } from '../actions/registry.ts';
import { useToolbarItems } from '../slots/toolbar.ts';
import { useStudio } from '../store/store.ts';
import { useView } from '../store/view.ts';

function ActionButton({
  id,
  testId,
  disabled,
  pressed,
  editOnly,
}: {
  id: ActionName;
  testId?: string;
  disabled?: boolean;
  pressed?: boolean;
  /** hidden in presenter mode (file and editing commands a lecture does not need on screen) */
  editOnly?: boolean;
}) {
  return (
    <button
      type="button"
      className="tool"
      data-testid={testId ?? `toolbar-${id}`}
      title={tooltipOf(id)}
      aria-keyshortcuts={ariaKeysOf(id)}
      disabled={disabled}
      aria-pressed={pressed}
      data-edit-only={editOnly || undefined}
      onClick={() => runAction(id)}
    >
      {ACTIONS[id].label}
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
      <span className="graph-title" title="Graph name (edit it in the inspector)" data-testid="graph-title">
        {name}
      </span>
      <div className="tool-group">
        <ActionButton id="new" editOnly />
        <ActionButton id="examples" />
        <ActionButton id="import" editOnly />
        <input
          id="import-file-input"
          type="file"
          accept=".json,application/json"
          data-testid="import-json"
          className="visually-hidden"
          tabIndex={-1}
          onChange={onFilePicked}
        />
        <ActionButton id="export" testId="export-json" editOnly />
        <ActionButton id="share" editOnly />
      </div>
      <div className="tool-group">
        <ActionButton id="undo" disabled={!canUndo} />
        <ActionButton id="redo" disabled={!canRedo} />
      </div>
      <div className="tool-group">
        <ActionButton id="layout" editOnly />
        <ActionButton id="fit" />
        <button
          type="button"
          className="tool"
          data-testid="toolbar-theme"
          title={tooltipOf('theme')}
          onClick={() => runAction('theme')}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <ActionButton id="presenter" testId="presenter-toggle" pressed={presenter} />
        <ActionButton id="keys" editOnly />
      </div>
      <div className="tool-group extras">
        {extras.map((x) => (
          <x.Component key={x.id} />
        ))}
      </div>
    </header>
  );
}
