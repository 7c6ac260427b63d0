// The toolbar's Export menu: code (PyTorch, Keras), weights (.safetensors), the dataset (.tar of the
// CLI's export-data folder), Load weights and Import Keras model. Keyboard: Enter/Space opens, arrows move, Escape closes.
import type { ChangeEvent } from 'react';
import { useMenu } from '../panels/useMenu.ts';
import { ACTIONS, type ActionName, runAction } from '../actions/registry.ts';

/** The menu's items: table actions, with their (stable) test ids. */
const ITEMS: { id: string; action: ActionName }[] = [
  { id: 'export-pytorch', action: 'exportPytorch' },
  { id: 'export-keras', action: 'exportKeras' },
  { id: 'export-weights', action: 'exportWeights' },
  { id: 'export-data', action: 'exportData' },
  { id: 'load-weights', action: 'loadWeights' },
  { id: 'import-keras', action: 'importKeras' },
];

/** A file input's change handler: the picked file goes to `action` (the input is reset for a re-pick). */
const onPicked =
  (action: 'loadWeightsFile' | 'importKerasFile') =>
  (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) runAction(action, file);
  };

/** The Export button and its menu. */
export function ExportMenu() {
  const { open, setOpen, root, onKeyDown } = useMenu();
  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        className="tool"
        data-testid="export-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        title="PyTorch · Keras: export code, weights or data for PyTorch/Keras, or load weights"
        aria-label="PyTorch · Keras"
        onClick={() => setOpen((o) => !o)}
      >
        {/* "Code" on a 1280-1500 px window, so the bar keeps one row with the "2 tabs" badge (app.css) */}
        <span className="label-long">PyTorch · Keras</span>
        <span className="label-short">Code</span> ▾
      </button>
      {open && (
        <div className="export-menu-list" role="menu" data-testid="export-menu-list" onKeyDown={onKeyDown}>
          {ITEMS.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              className="export-menu-item"
              data-testid={item.id}
              title={ACTIONS[item.action].hint}
              onClick={() => {
                setOpen(false);
                runAction(item.action);
              }}
            >
              <span>{ACTIONS[item.action].label}</span>
              <small>{ACTIONS[item.action].hint}</small>
            </button>
          ))}
        </div>
      )}
      <input
        id="load-weights-input"
        type="file"
        accept=".safetensors,.json"
        data-testid="load-weights-input"
        className="visually-hidden"
        tabIndex={-1}
        onChange={onPicked('loadWeightsFile')}
      />
      <input
        id="import-keras-input"
        type="file"
        accept=".json,application/json"
        data-testid="import-keras-input"
        className="visually-hidden"
        tabIndex={-1}
        onChange={onPicked('importKerasFile')}
      />
    </div>
  );
}
