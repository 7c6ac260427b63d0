// One dropdown menu's behaviour, shared by the toolbar menus (Lessons, PyTorch · Keras): open/close, a
// click outside closes it, the first item takes the focus on opening, arrow keys move between items and
// Escape closes and gives the focus back to the menu's button.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

/** The menu's item buttons, in document order. */
const itemsIn = (root: HTMLElement | null) => [
  ...(root?.querySelectorAll<HTMLButtonElement>('button[role="menuitem"]') ?? []),
];

/** State and handlers for a menu whose root element holds its button and, while open, its items
 *  (`role="menuitem"` buttons). */
export function useMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const items = () => [
    ...(root.current?.querySelectorAll<HTMLButtonElement>('button[role="menuitem"]') ?? []),
  ];
  useEffect(() => {
    if (!open) return;
    itemsIn(root.current)[0]?.focus();
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    const list = itemsIn(root.current);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      // handled here: the global Escape (close the dialog, view and gradient lab) leaves it alone
      e.preventDefault();
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')?.focus();
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && list.length > 0) {
      e.preventDefault();
      list[(at + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
    }
  };
  return { open, setOpen, root, onKeyDown };
}
