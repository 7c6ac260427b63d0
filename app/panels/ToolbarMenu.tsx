// A toolbar menu of table actions (File, View): commands used now and then share one button, so the
// toolbar fits one row on a 1280-pixel screen. Each item keeps its stable data-testid and shows its
// keys; keyboard as the other toolbar menus (useMenu: arrows move, Escape closes).
import {
  ACTIONS,
  type Action,
  type ActionName,
  applyAction,
  ariaKeysOf,
  isMac,
  shortcutLabel,
} from '../actions/registry.ts';
import { useMenu } from './useMenu.ts';

/** One item: a table action with its test id; `label` when the action's own reads wrong here. */
export interface ToolbarMenuItem {
  action: ActionName;
  testId: string;
  label?: string;
  /** hidden in presenter mode, as the buttons it replaces were */
  editOnly?: boolean;
  disabled?: boolean;
}

/** The menu button ("File ▾") and, while open, its items. */
export function ToolbarMenu({
  label,
  testId,
  title,
  items,
  editOnly,
}: {
  label: string;
  testId: string;
  title: string;
  items: ToolbarMenuItem[];
  editOnly?: boolean;
}) {
  const { open, setOpen, root, onKeyDown } = useMenu();
  const mac = isMac();
  return (
    <div className="toolbar-menu" ref={root} data-edit-only={editOnly || undefined}>
      <button
        type="button"
        className="tool"
        data-testid={testId}
        aria-haspopup="menu"
        aria-expanded={open}
        title={title}
        onClick={() => setOpen((o) => !o)}
      >
        {label} ▾
      </button>
      {open && (
        <div className="toolbar-menu-list" role="menu" data-testid={`${testId}-list`} onKeyDown={onKeyDown}>
          {items.map((it) => {
            const a = ACTIONS[it.action] as unknown as Action<unknown>;
            const keys = a.keys.map((k) => shortcutLabel(k, mac)).join(' or ');
            return (
              <button
                key={it.testId}
                type="button"
                role="menuitem"
                className="toolbar-menu-item"
                data-testid={it.testId}
                title={a.hint}
                aria-keyshortcuts={ariaKeysOf(it.action, mac)}
                data-edit-only={it.editOnly || undefined}
                disabled={it.disabled}
                onClick={() => {
                  setOpen(false);
                  applyAction(a);
                }}
              >
                <span>{it.label ?? a.label}</span>
                {keys && <kbd>{keys}</kbd>}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
