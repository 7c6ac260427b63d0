// The toolbar's Export menu: code (PyTorch, Keras), weights (.safetensors), the dataset (.tar of the
// CLI's export-data folder), Load weights and Import Keras model. Keyboard: Enter/Space opens, arrows move, Escape closes.
import type { ChangeEvent } from 'react';
import { useMenu } from '../panels/useMenu.ts';
import {
  exportCodeAction,
  exportDataAction,
  exportWeightsAction,
  importKerasAction,
  loadWeightsAction,
} from './actions.ts';

interface Item {
  id: string;
  label: string;
  hint: string;
  run: () => void;
}

const pick = (id: string) => () => document.getElementById(id)?.click();

const ITEMS: Item[] = [
  {
    id: 'export-pytorch',
    label: 'PyTorch code (.py)',
    hint: 'A PyTorch script: the model, its training setup, DataLoader, GPU, torchrun',
    run: () => exportCodeAction('pytorch'),
  },
  {
    id: 'export-keras',
    label: 'Keras code (.py)',
    hint: 'A tf.keras functional model with the same layers and training setup',
    run: () => exportCodeAction('keras'),
  },
  {
    id: 'export-weights',
    label: 'Weights (.safetensors)',
    hint: 'The current weights (trained, or the initial ones) for the script, the CLI or later',
    run: () => void exportWeightsAction(),
  },
  {
    id: 'export-data',
    label: 'Dataset (.tar)',
    hint: "The graph's data, split and tokenized as here, for the PyTorch script's --data",
    run: () => void exportDataAction(),
  },
  {
    id: 'load-weights',
    label: 'Load weights…',
    hint: 'Weights (.safetensors or .json) for this graph, e.g. trained by the PyTorch script',
    run: pick('load-weights-input'),
  },
  {
    id: 'import-keras',
    label: 'Import Keras model…',
    hint: 'A Keras model config (model.to_json()) becomes this graph (Undo returns)',
    run: pick('import-keras-input'),
  },
];

/** A file input's change handler: the picked file goes to `action` (the input is reset for a re-pick). */
const onPicked =
  (action: (f: File) => Promise<boolean>) =>
  (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void action(file);
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
        title="Export code, weights or data for PyTorch/Keras, or load weights"
        onClick={() => setOpen((o) => !o)}
      >
        PyTorch · Keras ▾
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
              title={item.hint}
              onClick={() => {
                setOpen(false);
                item.run();
              }}
            >
              <span>{item.label}</span>
              <small>{item.hint}</small>
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
        onChange={onPicked(loadWeightsAction)}
      />
      <input
        id="import-keras-input"
        type="file"
        accept=".json,application/json"
        data-testid="import-keras-input"
        className="visually-hidden"
        tabIndex={-1}
        onChange={onPicked((f) => importKerasAction(f))}
      />
    </div>
  );
}
